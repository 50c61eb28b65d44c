using System.Net;
using System.Text;
using System.Text.Json;
using KeyMeter.Functions.CustomHandler;
using Microsoft.Extensions.DependencyInjection;

namespace KeyMeter.Functions.Tests.CustomHandler;

public sealed class PayloadFunctionEndpointsTests
{
    [Fact]
    public async Task Post_CapturedPayload_AnswersInvocationResponse()
    {
        var echo = new RecordingPayloadFunction("echo", (request, _) =>
        {
            var message = ServiceBusMessage.Decode(request, "myQueueItem");
            return message.Succeeded
                ? PayloadResult.Success(
                    [$"received {message.Value.MessageId}"],
                    new Dictionary<string, JsonElement> { ["out"] = JsonElement.Parse("""[{"n":1}]""") },
                    JsonElement.Parse("\"done\""))
                : PayloadResult.BadPayload(message.Error);
        });
        await using var app = await TestWebApp.StartAsync(services => services.AddSingleton<IPayloadFunction>(echo));

        using var response = await PostAsync(app, "echo", HostFixtures.ReadText("servicebus-single.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("""[{"n":1}]""", body.RootElement.GetProperty("Outputs").GetProperty("out").GetRawText());
        Assert.Equal("received 088fb2b9aede42e7a154dbc7f803a566", body.RootElement.GetProperty("Logs")[0].GetString());
        Assert.Equal("done", body.RootElement.GetProperty("ReturnValue").GetString());
        Assert.True((await echo.NextRecordedCallAsync()).TokenCanBeCanceled);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("""{"Data":"text"}""")]
    public async Task Post_UnreadableBody_Answers400WithoutInvoking(string body)
    {
        var function = new RecordingPayloadFunction("f");
        await using var app = await TestWebApp.StartAsync(services => services.AddSingleton<IPayloadFunction>(function));

        using var response = await PostAsync(app, "f", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, function.CallCount);
    }

    [Theory]
    [InlineData("""{"Data":null}""", "'Data' must be a JSON object")]
    [InlineData("""{"Metadata":null,"Data":{}}""", "'Metadata' must be a JSON object")]
    [InlineData("""{"data":[]}""", "'data' must be a JSON object")]
    [InlineData("""{"METADATA":"x"}""", "'METADATA' must be a JSON object")]
    [InlineData("""{"\ud800":{}}""", "not an invocation payload")]
    [InlineData("""{"Data":{},"Data":{}}""", "duplicate")]
    [InlineData("""{"Data":{"a":1,"A":2}}""", "not an invocation payload")]
    [InlineData("[" + "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[" + "]", "not an invocation payload")]
    public async Task Post_MalformedPayload_Answers400WithoutInvoking(string body, string expected)
    {
        var function = new RecordingPayloadFunction("f");
        await using var app = await TestWebApp.StartAsync(services => services.AddSingleton<IPayloadFunction>(function));

        using var response = await PostAsync(app, "f", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, function.CallCount);
    }

    [Fact]
    public async Task Post_InvalidUtf8_Answers400WithoutInvoking()
    {
        var function = new RecordingPayloadFunction("f");
        await using var app = await TestWebApp.StartAsync(services => services.AddSingleton<IPayloadFunction>(function));
        byte[] body = [.. Encoding.UTF8.GetBytes("""{"Data":{"messages":"["""), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("""]"},"Metadata":{}}""")];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await app.Client.PostAsync("f", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid UTF-8", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, function.CallCount);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task Post_NotJson_Answers415WithoutInvoking(string? contentType)
    {
        var function = new RecordingPayloadFunction("f");
        await using var app = await TestWebApp.StartAsync(services => services.AddSingleton<IPayloadFunction>(function));
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"Data":{},"Metadata":{}}"""));
        content.Headers.ContentType = contentType is null ? null : new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);

        using var response = await app.Client.PostAsync("f", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(0, function.CallCount);
    }

    [Fact]
    public async Task Post_FunctionReportsBadPayload_Answers400WithReason()
    {
        var function = new RecordingPayloadFunction("f", (_, _) => PayloadResult.BadPayload("Metadata.MessageIdArray is missing."));
        await using var app = await TestWebApp.StartAsync(services => services.AddSingleton<IPayloadFunction>(function));

        using var response = await PostAsync(app, "f", """{"Data":{},"Metadata":{}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Metadata.MessageIdArray is missing.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_FunctionFailsTransiently_Answers500SoTheTriggerRetries()
    {
        var function = new RecordingPayloadFunction("f", (_, _) => PayloadResult.TransientFailure("storage busy"));
        await using var app = await TestWebApp.StartAsync(services => services.AddSingleton<IPayloadFunction>(function));

        using var response = await PostAsync(app, "f", """{"Data":{},"Metadata":{}}""");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("storage busy", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_UnregisteredName_Answers404()
    {
        await using var app = await TestWebApp.StartAsync(services => services.AddSingleton<IPayloadFunction>(new RecordingPayloadFunction("f")));

        using var response = await PostAsync(app, "g", """{"Data":{},"Metadata":{}}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task MapPayloadFunctions_DuplicateNames_Throws()
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => TestWebApp.StartAsync(services =>
        {
            services.AddSingleton<IPayloadFunction>(new RecordingPayloadFunction("same"));
            services.AddSingleton<IPayloadFunction>(new RecordingPayloadFunction("SAME"));
        }));

        Assert.Contains("same", exception.Message, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostAsync(TestWebApp app, string name, string json) =>
        app.Client.PostAsync(name, new StringContent(json, Encoding.UTF8, "application/json"));
}
