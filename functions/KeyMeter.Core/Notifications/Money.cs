using System.Globalization;

namespace KeyMeter.Core.Notifications;

/// <summary>
/// Dollars as people read them in messages: <c>$1,234.56</c>, invariant culture. Amounts under a cent keep four
/// decimals (<c>$0.0042</c>) so a small spend does not read as nothing. Figures stay exact decimals until here.
/// </summary>
public static class Money
{
    public static string Format(decimal usd)
    {
        var magnitude = Math.Abs(usd);
        var text = magnitude is > 0m and < 0.01m
            ? magnitude.ToString("0.0000", CultureInfo.InvariantCulture)
            : Math.Round(magnitude, 2, MidpointRounding.AwayFromZero).ToString("#,##0.00", CultureInfo.InvariantCulture);
        return (usd < 0m ? "-$" : "$") + text;
    }
}
