"""HMRC's Real Time Information: the Full Payment Submission built from a finalised pay run, checked against
HMRC's schema for its tax year, and the IRmark that seals it. Pure: data in, XML and problems out."""
