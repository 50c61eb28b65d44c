using KeyMeter.Adapters.Budgets;
using KeyMeter.Adapters.Storage;
using KeyMeter.Core.Budgets;
using KeyMeter.Core.Keys;
using KeyMeter.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KeyMeter.Adapters.Tests.Budgets;

/// <summary>The hard-block guarantee end to end: two instances' gates sharing one counter table in Azurite.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableBudgetGateTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Day = "d:2026-11-22";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..12];
    private readonly ManualTimeProvider _time = new(Now);
    private readonly string _key = KeyId.New();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        var table = await new TableProvider(azurite.Service, _prefix).GetAsync(BudgetCounterKeys.TableName, None);
        await table.DeleteIfExistsAsync(None);
    }

    /// <summary>An "instance": its own table provider and store on the shared table, and its own gate.</summary>
    private BudgetGate Instance(double leaseFraction) => new(
        new TableBudgetCounterStore(new TableProvider(azurite.Service, _prefix)),
        Options.Create(new BudgetGateOptions { LeaseFraction = leaseFraction, MaintenanceInterval = TimeSpan.Zero }),
        _time,
        NullLogger<BudgetGate>.Instance);

    [Theory]
    [InlineData(0.1)]
    [InlineData(1.0)]
    public async Task TryReserveAsync_TwoInstancesFortyConcurrent_ExactlyFiveOfFiveDollarsAdmitted(double leaseFraction)
    {
        var gates = new[] { Instance(leaseFraction), Instance(leaseFraction) };
        var limits = new KeyBudgets(5m, null);

        var decisions = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Task.Run(async () => await gates[i % 2].TryReserveAsync(_key, limits, 1m, None))));

        Assert.Equal(5, decisions.Count(decision => decision.IsAdmitted));
        Assert.Equal(35, decisions.Count(decision => decision.IsRefused));
        var row = await new TableBudgetCounterStore(new TableProvider(azurite.Service, _prefix)).GetAsync(_key, Day, None);
        Assert.Equal((5m, 0m, 5m), (row!.Counter).Totals());
    }

    [Fact]
    public async Task SettleAsync_TwoInstances_RowEndsWithExactSpendAndNothingLeased()
    {
        var gates = new[] { Instance(0.1), Instance(0.1) };
        var limits = new KeyBudgets(5m, 20m);
        var decisions = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Task.Run(async () => (Gate: gates[i % 2], Decision: await gates[i % 2].TryReserveAsync(_key, limits, 1m, None)))));
        var admitted = decisions.Where(made => made.Decision.IsAdmitted).ToArray();

        await Task.WhenAll(admitted.Select(made => Task.Run(async () => await made.Gate.SettleAsync(made.Decision.Reservation!, 0.75m, None))));
        _time.Advance(TimeSpan.FromMinutes(1));
        foreach (var gate in gates)
        {
            await gate.ReturnIdleLeasesAsync(None);
        }

        var store = new TableBudgetCounterStore(new TableProvider(azurite.Service, _prefix));
        Assert.Equal(5, admitted.Length);
        Assert.Equal((5m, 3.75m, 0m), ((await store.GetAsync(_key, Day, None))!.Counter).Totals());
        Assert.Equal((20m, 3.75m, 0m), ((await store.GetAsync(_key, "m:2026-11", None))!.Counter).Totals());
    }
}
