using System.Net;
using System.Text.Json;
using KeyMeter.Core.Budgets;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KeyMeter.Functions.Tests.Proxy;

/// <summary><c>/reports/budgets</c> shows what each instance holds leased, and what a stopped instance left behind.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class ProxyLeaseReportTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task BudgetsReport_Today_ShowsLiveLeasesPerInstanceAndReclaimableOnes()
    {
        await using var harness = await ProxyHarness.StartAsync(azurite);
        var key = await harness.CreateKeyAsync(daily: 10m);
        var gate = harness.App.App.Services.GetRequiredService<BudgetGate>();
        var store = harness.App.App.Services.GetRequiredService<IBudgetCounterStore>();
        var day = BudgetWindow.Containing(BudgetPeriod.Daily, DateTimeOffset.UtcNow).Key;

        // A stopped instance's holding, long expired, beside this instance's own.
        await store.CreateAsync(key.Key.Id, day, new BudgetCounter(10m, 0.5m, [new LeaseHolding("i-gone", 2m, DateTimeOffset.UtcNow.AddMinutes(-5))]), CancellationToken.None);
        var reservation = (await gate.TryReserveAsync(key.Key.Id, key.Key.Budgets, 0.3m, CancellationToken.None)).Reservation!;

        using var response = await harness.App.Client.SendAsync(RunningApp.Request(HttpMethod.Get, "/reports/budgets"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var counter = Assert.Single(body.RootElement.GetProperty("keys").EnumerateArray()).GetProperty("daily").GetProperty("counter");
        Assert.Equal(0.5m, counter.GetProperty("settledUsd").GetDecimal());
        Assert.Equal(0m, counter.GetProperty("reclaimableUsd").GetDecimal());
        var lease = Assert.Single(counter.GetProperty("leases").EnumerateArray());
        Assert.Equal(gate.Owner, lease.GetProperty("instance").GetString());
        Assert.False(lease.GetProperty("expired").GetBoolean());
        Assert.Equal(1m, lease.GetProperty("amountUsd").GetDecimal());
        await gate.ReleaseAsync(reservation, CancellationToken.None);
    }
}
