"""The image pipeline: every picture staff upload passes through here once, at upload time.

Uploads come from staff phones (EXIF rotation, GPS positions, wide-gamut colour profiles)
and from whatever was downloaded off the internet (anything renamed .jpg, files with
something appended). `uploads` judges a file by its content (`formats`, `containers`,
`pixels`), `renditions` makes the sizes pages show, `storage` writes and removes files,
`usage` says where a picture appears, `markup` writes it into HTML.
"""
