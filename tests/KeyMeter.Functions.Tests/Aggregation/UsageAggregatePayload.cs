using System.Text;
using System.Text.Json;
using KeyMeter.Core.Metering;
using KeyMeter.Functions.CustomHandler;
using KeyMeter.Functions.Tests.CustomHandler;

namespace KeyMeter.Functions.Tests.Aggregation;

/// <summary>
/// A <c>usage-aggregate</c> invocation as the Functions host sends it for a <c>cardinality: many</c> Service Bus batch:
/// the bodies and the parallel metadata arrays, each inside a JSON string.
/// </summary>
internal static class UsageAggregatePayload
{
    public static string Body(UsageRecord record) => JsonSerializer.Serialize(record, UsageRecordJsonContext.Default.UsageRecord);

    public static string Json(IReadOnlyList<UsageRecord> records, int deliveryCount) =>
        Json([.. records.Select(Body)], [.. records.Select(record => record.Id)], deliveryCount);

    public static string Json(IReadOnlyList<string> bodies, IReadOnlyList<string> ids, int deliveryCount)
    {
        var payload = new Dictionary<string, Dictionary<string, string>>
        {
            ["Data"] = new() { ["messages"] = JsonSerializer.Serialize(bodies) },
            ["Metadata"] = new()
            {
                ["MessageIdArray"] = JsonSerializer.Serialize(ids),
                ["DeliveryCountArray"] = JsonSerializer.Serialize(ids.Select(_ => deliveryCount)),
            },
        };
        return JsonSerializer.Serialize(payload);
    }

    public static StringContent Content(IReadOnlyList<UsageRecord> records, int deliveryCount) =>
        new(Json(records, deliveryCount), Encoding.UTF8, "application/json");

    /// <summary>A <c>POST /usage-aggregate</c> of the batch, with the function key, as the host (or local mode) sends it.</summary>
    public static HttpRequestMessage Post(IReadOnlyList<UsageRecord> records, int deliveryCount)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/usage-aggregate") { Content = Content(records, deliveryCount) };
        request.Headers.Add("x-functions-key", Hosting.RunningApp.FunctionKey);
        return request;
    }

    public static InvocationRequest Request(IReadOnlyList<UsageRecord> records, int deliveryCount) =>
        HostFixtures.Parse(Json(records, deliveryCount));
}
