/**
 * Named thresholds, in one place (trafilatura's settings.py habit): no magic numbers inside functions.
 * Each area keeps its own block below; values are chosen from measurements noted beside them.
 */
