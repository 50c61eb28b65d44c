using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using KeyMeter.Functions.CustomHandler;

namespace KeyMeter.Functions.Local;

/// <summary>
/// Builds invocation payloads exactly as the host does, quirks included: non-object values go through
/// <c>JsonConvert.SerializeObject</c> and travel as JSON strings, so a string body is double-encoded, numbers are
/// strings and arrays are strings holding JSON arrays (https://github.com/Azure/azure-functions-host/issues/5815).
/// </summary>
internal static class HostPayloadFactory
{
    /// <summary>
    /// The host contract written the way Newtonsoft writes it: quotes inside strings as <c>\"</c>, not <c>\u0022</c>,
    /// so the strings inside the payload read exactly as the host's do.
    /// </summary>
    public static HostJsonContext Json { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNameCaseInsensitive = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    });

    /// <summary>A timer invocation; <see cref="TimerInfo"/> is an object, so it is sent as one.</summary>
    public static InvocationRequest Timer(TimerFunctionDefinition function, TimerInfo info, DateTimeOffset utcNow)
    {
        var request = new InvocationRequest();
        request.Data[function.BindingName] = JsonSerializer.SerializeToElement(info, Json.TimerInfo);
        request.Metadata["sys"] = Sys(function.Name, utcNow);
        return request;
    }

    /// <summary>A <c>cardinality: many</c> invocation: bodies and broker properties as parallel arrays.</summary>
    public static InvocationRequest ServiceBusBatch(
        ServiceBusFunctionDefinition function,
        IReadOnlyList<PendingMessage> messages,
        int deliveryCount,
        DateTimeOffset utcNow)
    {
        var request = new InvocationRequest();
        request.Data[function.BindingName] = Encode([.. messages.Select(message => BodyText(function, message))]);
        request.Metadata["MessageIdArray"] = Encode([.. messages.Select(message => message.Message.MessageId)]);
        request.Metadata["DeliveryCountArray"] = Encode([.. messages.Select(_ => (long)deliveryCount)]);
        request.Metadata["SequenceNumberArray"] = Encode([.. messages.Select(message => message.SequenceNumber)]);
        request.Metadata["EnqueuedTimeUtcArray"] = Encode([.. messages.Select(message => Timestamp(message.EnqueuedTimeUtc))]);
        request.Metadata["ContentTypeArray"] = Encode([.. messages.Select(message => message.Message.ContentType)]);
        request.Metadata["sys"] = Sys(function.Name, utcNow);
        return request;
    }

    /// <summary>A single-message invocation (<c>cardinality</c> omitted or <c>one</c>).</summary>
    public static InvocationRequest ServiceBusMessage(
        ServiceBusFunctionDefinition function,
        PendingMessage message,
        int deliveryCount,
        DateTimeOffset utcNow)
    {
        var request = new InvocationRequest();
        request.Data[function.BindingName] = Encode(BodyText(function, message));
        request.Metadata["MessageId"] = Encode(message.Message.MessageId);
        request.Metadata["DeliveryCount"] = Wrap(deliveryCount.ToString(CultureInfo.InvariantCulture));
        request.Metadata["SequenceNumber"] = Wrap(message.SequenceNumber.ToString(CultureInfo.InvariantCulture));
        request.Metadata["EnqueuedTimeUtc"] = Encode(Timestamp(message.EnqueuedTimeUtc));
        request.Metadata["ContentType"] = Encode(message.Message.ContentType);
        request.Metadata["sys"] = Sys(function.Name, utcNow);
        return request;
    }

    private static string BodyText(ServiceBusFunctionDefinition function, PendingMessage message) =>
        function.BodyEncoding == BodyEncoding.Base64
            ? Convert.ToBase64String(message.Message.Body.Span)
            : Encoding.UTF8.GetString(message.Message.Body.Span);

    // Newtonsoft's default ISO format for a UTC DateTime.
    private static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>What the host sends for a non-object value: <c>JsonConvert.SerializeObject(value)</c> inside a JSON string.</summary>
    private static JsonElement Encode(string value) => Wrap(JsonSerializer.Serialize(value, Json.String));

    private static JsonElement Encode(string[] values) => Wrap(JsonSerializer.Serialize(values, Json.StringArray));

    private static JsonElement Encode(long[] values) => Wrap(JsonSerializer.Serialize(values, Json.Int64Array));

    /// <summary>A JSON string whose content is the already serialized <paramref name="serialized"/>.</summary>
    private static JsonElement Wrap(string serialized) => JsonSerializer.SerializeToElement(serialized, Json.String);

    private static JsonElement Sys(string functionName, DateTimeOffset utcNow) =>
        JsonSerializer.SerializeToElement(
            new Dictionary<string, string>
            {
                ["MethodName"] = functionName,
                ["UtcNow"] = Timestamp(utcNow),
                ["RandGuid"] = Guid.NewGuid().ToString(),
            },
            Json.DictionaryStringString);
}
