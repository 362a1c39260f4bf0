"""Numbers in prose and metrics, one style on every page, readable from the back of a hall: three significant
figures, powers of ten written out (2.3 × 10⁻⁸, never 2.3e-08), shares as percentages, ratios with ×."""
import math

SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def sci(x, digits=3):
    """`digits` significant figures: '0.123', '57.4'; whole from 1,000 ('6,400', '12,346'); beyond 10⁻³ to 10⁵ a
    power of ten with two: '2.3 × 10⁻⁸', '4.6 × 10⁵'; 'n/a' for None, NaN or infinity."""
    if x is None or not math.isfinite(x):
        return "n/a"
    if 1e3 <= abs(x) < 1e5:
        return f"{x:,.0f}"
    if x == 0 or 1e-3 <= abs(x) < 1e3:
        return f"{x:.{digits}g}"
    mantissa, exponent = f"{x:.1e}".split("e")
    return f"{mantissa} × 10{str(int(exponent)).translate(SUPERSCRIPT)}"


def times(x):
    """A ratio or factor to two significant figures: '0.42×', '57×', '1,200×', '460,000×', '2.3 × 10⁻⁸×'."""
    if x is not None and math.isfinite(x) and 10 <= abs(x) < 1e6:
        return f"{float(f'{x:.2g}'):,.0f}×"
    return f"{sci(x, 2)}×"


def pct(share):
    """A share as a percentage: '0%', '0.007%' (one significant figure under 0.1 %), '6.5%', '48%';
    '9.3 × 10⁻⁸%' for the tiniest."""
    if 0 < share < 0.001:
        return f"{100 * share:.1g}%" if share >= 1e-5 else f"{sci(100 * share)}%"
    return f"{share:.1%}" if 0 < share < 0.1 else f"{share:.0%}"
