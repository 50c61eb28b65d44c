using System.Net;
using System.Text.Json;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Retention;
using KeyMeter.Functions.Hosting;
using KeyMeter.Functions.Tests.CustomHandler;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Tests.Retention;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class UsageRetentionFunctionTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;

    // Today 2026-03-10: with the default 14 days, markers counted before 2026-02-24 go. A fixed clock also keeps the
    // local scheduler from firing the timer by itself during the test.
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));

    private static HttpRequestMessage FireTimer() =>
        RunningApp.Request(HttpMethod.Post, "/usage-retention", HostFixtures.ReadText("timer.json"));

    private static TableEntity Marker(string recordId, string countedOn) =>
        new("2026-02", AggregateKeys.MarkerRow(recordId)) { ["Day"] = countedOn };

    [Fact]
    public async Task Post_UsageRetention_Answers200AndDeletesOldMarkersInTheAppsTable()
    {
        await using var app = await RunningApp.StartAsync(azurite, builder => builder.Services.AddSingleton<TimeProvider>(_clock));
        // The app's own table: its prefix, then "aggregates".
        var table = azurite.Service.GetTableClient(app.TablePrefix + AggregateKeys.TableName);
        await table.CreateIfNotExistsAsync(None);
        var seed = await table.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Insert, new TableEntity("2026-02", AggregateKeys.MonthlyRow(AggregateDimension.Organisation, 0)) { ["Period"] = "2026-02" }),
                new(TableTransactionActionType.Insert, Marker("old-1", "2026-02-01")),
                new(TableTransactionActionType.Insert, Marker("old-2", "2026-02-23")),
                new(TableTransactionActionType.Insert, Marker("kept", "2026-02-24")),
            ],
            None);
        Assert.True(seed.Succeeded);

        using var response = await app.Client.SendAsync(FireTimer());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(
            "Retention removed 2 marker(s), 0 daily row(s) and 0 month partition(s); nothing older is left.",
            body.RootElement.GetProperty("Logs")[0].GetString());
        var rows = new List<string>();
        await foreach (var entity in table.QueryAsync(new TableQuery(), None))
        {
            rows.Add(entity.RowKey);
        }

        Assert.Equal(["m|org|0", "r|kept"], rows);
        await table.DeleteIfExistsAsync(None);
    }

    [Fact]
    public async Task Post_StorageUnavailable_Answers500SoTheFailureIsReported()
    {
        await using var app = await RunningApp.StartAsync(azurite, builder => builder.Services.AddSingleton<IRetentionStore>(new UnavailableRetentionStore()));

        using var response = await app.Client.SendAsync(FireTimer());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Table Storage failed during retention (TableRequestFailedException)", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_AggregateDaysBelowMarkerDays_FailsNamingTheSettings()
    {
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            "--KeyMeter:Local:StartAzurite=false",
            "--KeyMeter:Retention:MarkerDays=60",
            "--KeyMeter:Retention:AggregateDays=45",
        ];

        var exception = Assert.Throws<OptionsValidationException>(() => KeyMeterApp.Build(args, readLocalSettingsFile: false));

        Assert.Contains(
            "KeyMeter__Retention__AggregateDays (45) must not be less than KeyMeter__Retention__MarkerDays (60).",
            string.Join('\n', exception.Failures),
            StringComparison.Ordinal);
    }
}
