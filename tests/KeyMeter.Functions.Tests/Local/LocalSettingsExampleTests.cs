using System.Net;
using KeyMeter.Functions.Local;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Testing;

namespace KeyMeter.Functions.Tests.Local;

/// <summary><c>local.settings.json.example</c>, copied as it is, starts the app: every value in it is valid.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class LocalSettingsExampleTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Example_EveryValueAsShipped_AppStartsAndServesReports()
    {
        var example = RepositoryPaths.Combine("local.settings.json.example");
        // The test's own storage and function key win: it runs against the test Azurite, with tables of its own.
        var values = LocalSettingsFile.ReadValues(example)
            .Where(entry => !entry.Key.StartsWith("KeyMeter:Storage:", StringComparison.Ordinal) && !entry.Key.StartsWith("KeyMeter:Local:", StringComparison.Ordinal))
            .Select(entry => $"--{entry.Key}={entry.Value}")
            .ToArray();
        Assert.Contains(values, value => value.StartsWith("--KeyMeter:Notifications:", StringComparison.Ordinal));

        await using var app = await RunningApp.StartAsync(azurite, configure: null, values);
        using var response = await app.Client.SendAsync(RunningApp.Request(HttpMethod.Get, "/reports/budgets"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
