"""Hot cost pages: a day's planned against actual cost, the summary over every day, exports."""
