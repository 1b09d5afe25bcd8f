"""The working-day calendar's arithmetic, below the records: which days count.

- `workdays`: day arithmetic — working days on a layered calendar (national, a region's), and
  the conventions for "N年" (a period from an event, 民法典 第二百零一、二百零二条; an
  ordinance's own 有效期, whose first day counts);
- `importer`: the State Council's and a region's holiday notices read into layer years.

May import: the shared leaves only. The programmes' calendars, built from the content's calendar
records, are records.calendars.
"""
