"""Records: what the office writes, read as it was written.

- `yamlsource`: YAML with a position for every value (file:line:col), no aliases, no YAML 1.1
  guessing; `plainyaml`: the plain block shape nearly every record is written in, read without
  libyaml's nodes (positions composed only when asked); `fieldtypes`: the field types (dates, ids, codes with checksums) and their JSON schema;
- `models`: the record kinds of records.md as pydantic models (re-exported here: `from
  qaward_site.records import Applicant`); `validation`: a document against its model, each
  error at its position; `fielddocs`: every field's Chinese name and meaning;
- `content`: the loaded content folder, its index and references (`references`);
  `ordinance_text`: an ordinance's text, its 条/款/项; `config`: site_config.yml;
  `calendars`: each programme's working-day calendar from its layers' calendar records.

May import: the shared leaves and calendar/ (day arithmetic). Never rules/, desk/, site/, cli/.
"""

from qaward_site.records.models import *  # noqa: F403
