using KeyMeter.Core.Aggregation;
using KeyMeter.Functions.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace KeyMeter.Functions.Tests.Aggregation;

/// <summary>Reads a running app's aggregates the way the reports do, and waits for the pipeline to catch up.</summary>
internal static class AggregatesProbe
{
    /// <summary>The organisation's monthly totals of <paramref name="partition"/>.</summary>
    public static async Task<AggregateCounters> MonthTotalAsync(RunningApp app, string partition)
    {
        var reader = app.App.Services.GetRequiredService<IAggregateReader>();
        var total = AggregateCounters.Zero;
        await foreach (var row in reader.ReadMonthlyAsync(partition, AggregateDimension.Organisation, CancellationToken.None))
        {
            total = total.Add(row.Total());
        }

        return total;
    }

    /// <summary>Waits until the month holds <paramref name="requests"/> requests (and no more turn up shortly after).</summary>
    public static async Task<AggregateCounters> WaitForRequestsAsync(RunningApp app, string partition, long requests, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var total = await MonthTotalAsync(app, partition);
            if (total.Requests >= requests || DateTime.UtcNow > deadline)
            {
                return total;
            }

            await Task.Delay(50);
        }
    }
}
