"""Text utilities that several stages share: language, sentences, tokens, numbers.

Not a pipeline stage: it knows nothing of documents, stores or the order of stages.
Every function here works in every script we read, without assuming spaces between
words, Latin letters or English.
"""
