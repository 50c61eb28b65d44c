using System.Globalization;
using KeyMeter.Core.Metering;
using KeyMeter.Core.Notifications;
using KeyMeter.Core.Reports;

namespace KeyMeter.Core.Digests;

/// <summary>
/// The message a <see cref="Digest"/> becomes: the same for every channel and for the preview. Sections in the order
/// a lead reads them: spend and its change, top developers, projects and models, Cursor against the proxy, budgets,
/// anomalies, the forecast, and who bypasses KeyMeter. Every list says "None" rather than disappearing.
/// </summary>
public static class DigestComposer
{
    /// <summary>Budgets listed: the keys closest to their limits.</summary>
    internal const int MaxBudgetRows = 10;

    public static NotificationMessage Compose(Digest digest, Uri? dashboard)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var period = digest.Period;
        var daily = period.Kind == DigestKind.Daily;
        var spend = Digest.Spend(digest.Total);
        var previous = Digest.Spend(digest.PreviousTotal);
        var subject = $"KeyMeter {(daily ? "daily" : "weekly")} digest {period.Label}: {Money.Format(spend)}";
        var blocked = digest.Budgets.Keys.Count(key => key.HighestFraction >= 1m);
        var summary = $"{Money.Format(spend)} spent {(daily ? "on " : "from ")}{period.Label} ({Change(spend, previous)} against the {(daily ? "day" : "week")} before), "
            + $"{digest.Total.Requests.ToString("N0", CultureInfo.InvariantCulture)} requests. "
            + $"Month-end forecast {Money.Format(digest.Forecast.MonthEndUsd)}."
            + (blocked > 0 ? $" {blocked} key(s) at their budget limit." : string.Empty)
            + (digest.Anomalies.Count > 0 ? $" {digest.Anomalies.Count} spend anomaly(ies)." : string.Empty)
            + (digest.Bypassing.Count > 0 ? $" {digest.Bypassing.Count} developer(s) bypassing KeyMeter." : string.Empty);
        var sections = new List<MessageSection>
        {
            new("Spend", [], [
                new("Total", Money.Format(spend)),
                new((daily ? "Day" : "Week") + " before", Money.Format(previous)),
                new("Change", Change(spend, previous)),
                new("Of which Cursor token fees", Money.Format(digest.Total.CursorFeeUsd)),
                new("Requests", digest.Total.Requests.ToString("N0", CultureInfo.InvariantCulture)),
                new("Tokens", digest.Total.TotalTokens.ToString("N0", CultureInfo.InvariantCulture)),
            ]),
            Groups("Top developers", "Developer", digest.TopDevelopers),
            Groups("Top projects", "Project", digest.TopProjects),
            Groups("Top models", "Model", digest.TopModels),
            Sessions(digest.TopSessions),
            Agents(digest.Agents),
            new("Cursor and the proxy", digest.Sources.Count == 0 ? ["No usage."] : [], [.. digest.Sources.Select(group => new MessageFact(SourceName(group.Value), $"{Money.Format(Digest.Spend(group.Counters))} ({Share(Digest.Spend(group.Counters), spend)})"))]),
            Budgets(digest.Budgets),
            Anomalies(digest),
            new("Month-end forecast", [string.Create(CultureInfo.InvariantCulture, $"Month to date plus the last {DigestBuilder.TrailingDays} days' daily average for each of the {digest.Forecast.DaysLeft} day(s) left.")], [
                new("Month to date", Money.Format(digest.Forecast.MonthToDateUsd)),
                new("Daily average", Money.Format(digest.Forecast.DailyAverageUsd)),
                new("Forecast", Money.Format(digest.Forecast.MonthEndUsd)),
            ]),
            Bypassing(digest.Bypassing),
        };
        var severity = blocked > 0 || digest.Bypassing.Count > 0 || digest.Anomalies.Count > 0 ? NotificationSeverity.Warning : NotificationSeverity.Info;
        return new NotificationMessage(period.Id, daily ? NotificationKind.DailyDigest : NotificationKind.WeeklyDigest, severity, subject, summary, sections, [], dashboard);
    }

    private static MessageSection Groups(string title, string column, IReadOnlyList<ReportGroup> groups) => groups.Count == 0
        ? new MessageSection(title, ["None."], [])
        : new MessageSection(title, [], [], new MessageTable(
            [column, "Spend", "Requests"],
            [.. groups.Select(group => (IReadOnlyList<string>)[group.Value, Money.Format(Digest.Spend(group.Counters)), group.Counters.Requests.ToString("N0", CultureInfo.InvariantCulture)])]));

    private static MessageSection Sessions(IReadOnlyList<AgentSession> sessions) => sessions.Count == 0
        ? new MessageSection("Most expensive sessions", ["None."], [])
        : new MessageSection("Most expensive sessions", [], [], new MessageTable(
            ["Developer", "Agent", "Start (UTC)", "Duration", "Spend", "Requests"],
            [.. sessions.Select(session => (IReadOnlyList<string>)[
                session.Developer,
                session.Agent,
                session.Start.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                Duration(session.Duration),
                Money.Format(Digest.Spend(session.Counters)),
                session.Counters.Requests.ToString("N0", CultureInfo.InvariantCulture)])]));

    private static MessageSection Agents(IReadOnlyList<AgentTotals> agents) => agents.Count == 0
        ? new MessageSection("Agents compared", ["None."], [])
        : new MessageSection("Agents compared", [], [], new MessageTable(
            ["Agent", "Spend", "Developers", "Sessions", "Per session", "Lines added", "Per 100 lines"],
            [.. agents.Select(agent => (IReadOnlyList<string>)[
                agent.Agent,
                Money.Format(agent.SpendUsd),
                agent.Developers.ToString(CultureInfo.InvariantCulture),
                agent.Sessions.ToString(CultureInfo.InvariantCulture),
                agent.SpendPerSession is { } perSession ? Money.Format(perSession) : "-",
                agent.LinesAdded is { } lines ? lines.ToString("N0", CultureInfo.InvariantCulture) : "-",
                agent.SpendPer100Lines is { } per100 ? Money.Format(per100) : "-"])]));

    private static string Duration(TimeSpan duration) => duration.TotalMinutes < 60
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes} min")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours} h {duration.Minutes:00}");

    private static MessageSection Budgets(BudgetStatusReport budgets)
    {
        if (budgets.Keys.Count == 0)
        {
            return new MessageSection("Budgets", ["No key has a budget."], []);
        }

        var shown = budgets.Keys.Take(MaxBudgetRows).ToList();
        var paragraphs = budgets.Keys.Count > shown.Count
            ? [string.Create(CultureInfo.InvariantCulture, $"The {shown.Count} keys closest to a limit of {budgets.Keys.Count}, on {budgets.Day:yyyy-MM-dd}.")]
            : new[] { string.Create(CultureInfo.InvariantCulture, $"Every key with a budget, on {budgets.Day:yyyy-MM-dd}.") };
        return new MessageSection("Budgets", paragraphs, [], new MessageTable(
            ["Key", "Owner", "Daily", "Monthly"],
            [.. shown.Select(key => (IReadOnlyList<string>)[key.Name, key.OwnerEmail, Use(key.Daily), Use(key.Monthly)])]));
    }

    private static MessageSection Anomalies(Digest digest)
    {
        var paragraphs = new List<string>();
        paragraphs.AddRange(digest.Anomalies.Select(anomaly =>
            $"{anomaly.Developer} spent {Money.Format(anomaly.SpentUsd)} on {anomaly.Day:yyyy-MM-dd}, over three times their 7-day median of {Money.Format(anomaly.MedianUsd)}."));
        paragraphs.AddRange(digest.Night.Select(night =>
            $"{night.Developer} made {night.Requests.ToString("N0", CultureInfo.InvariantCulture)} request(s) ({Money.Format(night.SpentUsd)}) in night hours, at {string.Join(", ", night.LocalHours.Select(hour => hour.ToString("00", CultureInfo.InvariantCulture) + ":00"))}."));
        if (paragraphs.Count == 0)
        {
            paragraphs.Add("None: no developer spent over three times their 7-day median, and nothing ran in night hours.");
        }

        return new MessageSection("Anomalies", paragraphs, []);
    }

    private static MessageSection Bypassing(IReadOnlyList<ReconciliationDeveloper> bypassing) => bypassing.Count == 0
        ? new MessageSection("Bypassing KeyMeter", ["None: every Cursor BYOK request Cursor reported passed the proxy."], [])
        : new MessageSection(
            "Bypassing KeyMeter",
            ["Cursor reported BYOK requests from these developers that the proxy did not see: a personal key, or a key field without KeyMeter's base URL."],
            [],
            new MessageTable(
                ["Developer", "Unmetered requests", "Days"],
                [.. bypassing.Select(developer => (IReadOnlyList<string>)[
                    developer.Developer,
                    developer.UnmeteredRequests.ToString("N0", CultureInfo.InvariantCulture),
                    (developer.BypassingDays + developer.PartialDays).ToString(CultureInfo.InvariantCulture)])]));

    private static string Use(BudgetUse? use) => use is null
        ? "-"
        : $"{Money.Format(use.SpentUsd)} of {Money.Format(use.LimitUsd)} ({use.Fraction.ToString("0%", CultureInfo.InvariantCulture)})";

    private static string Change(decimal now, decimal before)
    {
        if (before == 0m)
        {
            return now == 0m ? "no change" : "new spend";
        }

        var change = (now - before) / before;
        return (change >= 0 ? "+" : string.Empty) + change.ToString("0.#%", CultureInfo.InvariantCulture);
    }

    private static string Share(decimal part, decimal total) =>
        total == 0m ? "0%" : (part / total).ToString("0.#%", CultureInfo.InvariantCulture);

    private static string SourceName(string source) => source switch
    {
        UsageSources.Proxy => "Through the proxy",
        UsageSources.Cursor => "Cursor (Admin API)",
        UsageSources.ClaudeCode => "Claude Code (telemetry)",
        UsageSources.Codex => "Codex CLI (telemetry)",
        UsageSources.GeminiCli => "Gemini CLI (telemetry)",
        _ => source,
    };
}
