"""Press releases: media contacts and lists, distribution under embargo, personal links,
notices after a withdrawal or a major correction, and the per-recipient report.

`scope` says who sees which contacts and who may distribute; `distribution` checks and
records a release and queues its mails (a task); `links` makes and reads the personal
links; `views` answers them; `listeners` hear the workflow's domain events; `report`
reads each recipient's state; `admin` and `admin_releases` are the staff's pages.
"""
