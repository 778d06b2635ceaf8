"""Why an FPS is sent after the pay date: kept apart from the FPS builder so the command line can offer the
codes without loading lxml."""

# Why an FPS is sent after the pay date (RTI data items, "Late reporting reason"; GOV.UK "What to do if your
# payroll information is late"): the codes a household can use, in words. A to D are for notional payments and
# benefits, E (the micro-employer relaxation) ended in April 2016.
LATE_REASONS = {
    "F": "it was impractical to report on the day: the hours or pay were not known until after payday",
    "G": "a reasonable excuse (for example illness, a bereavement, or a computer or HMRC service failure)",
    "H": "this corrects an earlier submission",
}
LATE_REASONS_SAID = "; ".join(f"{code}, {words}" for code, words in LATE_REASONS.items())
