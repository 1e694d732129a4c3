"""Language knowledge as data: `<lang>/` TOML files (one concept per file) and `common/`.

`loader` is the one way they are read (parsed once per process, errors name the file);
`lexicon` compiles the word lists and spelling rules that the sentence, clause, headline
and merge stages share. Imports nothing but `chrono.errors`.
"""
