"""Text in, quotes out: the parser, in the order its steps run.

1. `document`: paragraphs; the headline, crossheads, credits and dateline marked.
2. `segment`: quotation marks paired over the article, and sentences.
3. `cuewords`, `view`, `phrases`, `rules`: where cues are, the speaker phrase around each, and the
   attribution rules that make quote units.
4. `tokens`, `words`, `phrase_parts`, `mentions`: each speaker phrase read into a name, a
   role and a kind of source.
5. `wordindex`, `windows`, `speakers`, `widen`: mentions resolved across the article to
   speakers, with the fullest name and role it gives them.
6. `pipeline`: runs the steps and builds the `quotedb.records.Quote` values.

The word lists come from `seeds/lexicon/` (`lexicon`), the patterns built from them from
`patterns`. Nothing here knows of files or databases.
"""

from quotedb.parse.pipeline import PARSER_VERSION, extract

__all__ = ["PARSER_VERSION", "extract"]
