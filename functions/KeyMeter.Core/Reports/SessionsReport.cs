namespace KeyMeter.Core.Reports;

/// <summary>The sessions of a range, most expensive first: the first <see cref="Sessions"/> of <see cref="Total"/> that match.</summary>
/// <param name="TotalSpendUsd">The spend (cost and Cursor fee) of every matching session, listed or not.</param>
public sealed record SessionsReport(ReportRange Range, TimeSpan IdleGap, int Total, decimal TotalSpendUsd, IReadOnlyList<AgentSession> Sessions);
