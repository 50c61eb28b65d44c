using KeyMeter.Core.Notifications;

namespace KeyMeter.Core.Tests.Notifications;

/// <summary>Messages for the notification tests, with text that needs escaping in every format.</summary>
internal static class NotificationSamples
{
    public static NotificationMessage Message(int tableRows = 3, int sections = 1, string name = "<script>alert(1)</script> & co") => new(
        "digest|daily|2026-12-01",
        NotificationKind.DailyDigest,
        NotificationSeverity.Warning,
        "KeyMeter daily digest 2026-12-01: $1,234.56",
        "Spend rose for " + name + ".",
        [.. Enumerable.Range(0, sections).Select(index => new MessageSection(
            "Top developers " + index,
            ["Paragraph about " + name],
            [new MessageFact("Total", "$1,234.56"), new MessageFact("Requests", "42")],
            new MessageTable(["Developer", "Spend"], [.. Enumerable.Range(0, tableRows).Select(row => (IReadOnlyList<string>)["dev" + row + "@example.com", "$" + row + ".00"])])))],
        ["owner@example.com"],
        new Uri("https://keymeter.example.com/dashboard"));
}
