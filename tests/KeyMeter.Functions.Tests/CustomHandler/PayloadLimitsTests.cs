using System.Text;
using System.Text.Json;
using KeyMeter.Core.Metering;
using KeyMeter.Core.Queues;
using KeyMeter.Functions.CustomHandler;
using KeyMeter.Functions.Local;
using KeyMeter.Testing;
using static KeyMeter.Testing.AggregationFixtures;

namespace KeyMeter.Functions.Tests.CustomHandler;

/// <summary>The payload routes' limits hold what the host can send them, with the host's encodings.</summary>
public sealed class PayloadLimitsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void MaxMessageBatchSize_MatchesHostJson()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("functions", "KeyMeter.Functions", "host.json")));

        var batchSize = hostJson.RootElement.GetProperty("extensions").GetProperty("serviceBus").GetProperty("maxMessageBatchSize").GetInt32();

        Assert.Equal(PayloadLimits.MaxMessageBatchSize, batchSize);
    }

    [Fact]
    public void Batch_FullBatchOfLargestMessagesOfUsageRecords_Fits()
    {
        var function = new ServiceBusFunctionDefinition("usage-aggregate", "messages", false, "usage", null, ServiceBusCardinality.Many, BodyEncoding.Text);
        var body = LargestBodyOfRecords();
        var messages = Enumerable.Range(0, PayloadLimits.MaxMessageBatchSize)
            .Select(i => new PendingMessage(new QueueMessage(new string('m', 120) + i, body), i, Now))
            .ToList();

        var payload = JsonSerializer.SerializeToUtf8Bytes(HostPayloadFactory.ServiceBusBatch(function, messages, 10, Now), HostPayloadFactory.Json.InvocationRequest);

        Assert.InRange(payload.Length, PayloadLimits.MaxMessageBatchSize * PayloadLimits.MaxMessageBytes, PayloadLimits.Batch);
    }

    [Fact]
    public void Batch_FullBatchOfLargestBinaryMessages_Fits()
    {
        var function = new ServiceBusFunctionDefinition("f", "messages", false, "q", null, ServiceBusCardinality.Many, BodyEncoding.Base64);
        var body = new byte[PayloadLimits.MaxMessageBytes];
        new Random(7).NextBytes(body);
        var messages = Enumerable.Range(0, PayloadLimits.MaxMessageBatchSize).Select(i => new PendingMessage(new QueueMessage("m" + i, body), i, Now)).ToList();

        var payload = JsonSerializer.SerializeToUtf8Bytes(HostPayloadFactory.ServiceBusBatch(function, messages, 1, Now), HostPayloadFactory.Json.InvocationRequest);

        Assert.InRange(payload.Length, PayloadLimits.MaxMessageBatchSize * PayloadLimits.MaxMessageBytes, PayloadLimits.Batch);
    }

    [Fact]
    public void SingleMessage_LargestUsageRecordsMessage_Fits()
    {
        var function = new ServiceBusFunctionDefinition("alert-notify", "message", false, "alerts", null, ServiceBusCardinality.One, BodyEncoding.Text);

        var payload = JsonSerializer.SerializeToUtf8Bytes(
            HostPayloadFactory.ServiceBusMessage(function, new PendingMessage(new QueueMessage(new string('a', 128), LargestBodyOfRecords()), 1, Now), 10, Now),
            HostPayloadFactory.Json.InvocationRequest);

        Assert.InRange(payload.Length, PayloadLimits.MaxMessageBytes, PayloadLimits.SingleMessage);
    }

    [Fact]
    public void UsageRecord_InAPayload_GrowsByLessThanTwo()
    {
        var function = new ServiceBusFunctionDefinition("usage-aggregate", "messages", false, "usage", null, ServiceBusCardinality.Many, BodyEncoding.Text);
        var body = LargestBodyOfRecords();

        var empty = JsonSerializer.SerializeToUtf8Bytes(HostPayloadFactory.ServiceBusBatch(function, [new PendingMessage(new QueueMessage("m", Array.Empty<byte>()), 1, Now)], 1, Now), HostPayloadFactory.Json.InvocationRequest).Length;
        var full = JsonSerializer.SerializeToUtf8Bytes(HostPayloadFactory.ServiceBusBatch(function, [new PendingMessage(new QueueMessage("m", body), 1, Now)], 1, Now), HostPayloadFactory.Json.InvocationRequest).Length;

        Assert.InRange((double)(full - empty) / body.Length, 1.0, 2.0);
    }

    /// <summary>A JSON array of real usage records (tags, owner, every counter) as large as a Service Bus message may be.</summary>
    private static byte[] LargestBodyOfRecords()
    {
        var text = new StringBuilder("[");
        var record = JsonSerializer.Serialize(
            Record("px_" + new string('0', 24), tags: new Dictionary<string, string> { ["team"] = "platform", ["project"] = "checkout" }),
            UsageRecordJsonContext.Default.UsageRecord);
        while (Encoding.UTF8.GetByteCount(text.ToString()) + record.Length + 2 < PayloadLimits.MaxMessageBytes)
        {
            text.Append(text.Length > 1 ? "," : string.Empty).Append(record);
        }

        return Encoding.UTF8.GetBytes(text.Append(']').ToString());
    }
}
