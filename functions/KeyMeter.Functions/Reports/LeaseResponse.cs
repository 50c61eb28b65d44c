using KeyMeter.Core.Budgets;

namespace KeyMeter.Functions.Reports;

/// <summary>
/// One instance's holding of a budget in <c>GET /reports/budgets</c>: money it may reserve against without asking
/// storage. An expired holding belongs to an instance that stopped; the next write to the counter reclaims it.
/// </summary>
internal sealed record LeaseResponse(string Instance, decimal AmountUsd, DateTimeOffset ExpiresAt, bool Expired)
{
    public static LeaseResponse Of(LeaseHolding holding, DateTimeOffset now) =>
        new(holding.Owner, holding.AmountUsd, holding.ExpiresAt, holding.HasExpiredAt(now));
}
