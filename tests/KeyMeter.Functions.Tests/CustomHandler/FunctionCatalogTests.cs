using KeyMeter.Functions.CustomHandler;

namespace KeyMeter.Functions.Tests.CustomHandler;

public sealed class FunctionCatalogTests
{
    private const string PayloadHttp = """
        { "bindings": [
            { "type": "httpTrigger", "direction": "in", "name": "req", "authLevel": "anonymous", "methods": ["post"] },
            { "type": "http", "direction": "out", "name": "res" },
            { "type": "serviceBus", "direction": "out", "name": "out", "queueName": "usage" } ] }
        """;

    [Fact]
    public void Load_EveryKind_ReadsTypedDefinitions()
    {
        using var root = new TempAppRoot()
            .With("proxy", TempAppRoot.ProxiedHttp("v1/{*path}", "anonymous", "\"get\", \"Post\""))
            .With("ingest", PayloadHttp)
            .With("cursor-poll", TempAppRoot.Timer("0 */5 * * * *", runOnStartup: true))
            .With("aggregate", TempAppRoot.ServiceBus("usage", "many", "records"));
        Directory.CreateDirectory(Path.Combine(root.Path, "wwwroot"));

        var catalog = FunctionCatalog.Load(root.Path);

        Assert.Equal(["aggregate", "cursor-poll", "ingest", "proxy"], catalog.Functions.Select(f => f.Name));
        var proxy = Assert.IsType<HttpFunctionDefinition>(catalog.Find("proxy"));
        Assert.True(proxy.IsProxied);
        Assert.False(proxy.IsPayloadMode);
        Assert.Equal("v1/{*path}", proxy.Route);
        Assert.Equal(["GET", "POST"], proxy.Methods);
        Assert.Equal(HttpAuthLevel.Anonymous, proxy.AuthLevel);
        var ingest = Assert.IsType<HttpFunctionDefinition>(catalog.Find("ingest"));
        Assert.False(ingest.IsProxied);
        Assert.Equal("ingest", ingest.Route);
        var timer = Assert.IsType<TimerFunctionDefinition>(catalog.Find("CURSOR-POLL"));
        Assert.True(timer.RunOnStartup);
        Assert.Equal("myTimer", timer.BindingName);
        Assert.Equal(
            new DateTimeOffset(2025, 1, 1, 0, 5, 0, TimeSpan.Zero),
            timer.Schedule.GetNextOccurrence(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        var queue = Assert.IsType<ServiceBusFunctionDefinition>(catalog.Find("aggregate"));
        Assert.Equal(("usage", "records", ServiceBusCardinality.Many, "ServiceBus"), (queue.QueueName, queue.BindingName, queue.Cardinality, queue.Connection));
    }

    [Fact]
    public void TryMatchHttpPath_AnswersTheSameEveryTimeAndPastTheMemosSize()
    {
        using var root = new TempAppRoot()
            .With("proxy", TempAppRoot.ProxiedHttp("v1/{*path}", "anonymous", "\"post\""))
            .With("report", TempAppRoot.ProxiedHttp("reports/{id:int}", "function", "\"get\""));
        var catalog = FunctionCatalog.Load(root.Path);

        // Asked many times, and for more distinct paths than the memo keeps, each path gets the answer of its route.
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 1500; i++)
            {
                Assert.True(catalog.TryMatchHttpPath("/v1/chat/completions", out var proxy));
                Assert.Equal("proxy", proxy.Name);
                Assert.True(catalog.TryMatchHttpPath($"/reports/{i}", out var report));
                Assert.Equal("report", report.Name);
                Assert.False(catalog.TryMatchHttpPath($"/reports/x{i}", out _));
            }
        }
    }

    [Fact]
    public void Load_HttpTriggerDefaults_RouteIsNameAndAuthLevelIsFunction()
    {
        using var root = new TempAppRoot().With("report", """
            { "bindings": [ { "type": "httpTrigger", "direction": "in", "name": "req" }, { "type": "http", "direction": "out", "name": "res" } ] }
            """);

        var function = Assert.IsType<HttpFunctionDefinition>(Assert.Single(FunctionCatalog.Load(root.Path).Functions));

        Assert.Equal("report", function.Route);
        Assert.Equal(HttpAuthLevel.Function, function.AuthLevel);
        Assert.Empty(function.Methods);
    }

    [Fact]
    public void Load_InvalidSchedule_ErrorNamesFunctionAndSchedule()
    {
        using var root = new TempAppRoot().With("digest-daily", TempAppRoot.Timer("0 0 25 * * *"));

        var exception = Assert.Throws<InvalidOperationException>(() => FunctionCatalog.Load(root.Path));

        Assert.Contains("digest-daily/function.json", exception.Message, StringComparison.Ordinal);
        Assert.Contains("function 'digest-daily' has an invalid timer schedule", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'0 0 25 * * *'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("hour field '25'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SeveralBrokenFiles_ReportsEveryProblem()
    {
        using var root = new TempAppRoot()
            .With("broken", "{ \"bindings\": [ ")
            .With("blob", """{ "bindings": [ { "type": "blobTrigger", "direction": "in", "name": "b", "path": "x/{name}" } ] }""")
            .With("noqueue", """{ "bindings": [ { "type": "serviceBusTrigger", "direction": "in", "name": "m" } ] }""")
            .With("topic", """{ "bindings": [ { "type": "serviceBusTrigger", "direction": "in", "name": "m", "topicName": "t", "subscriptionName": "s" } ] }""")
            .With("twotriggers", """{ "bindings": [ { "type": "timerTrigger", "name": "a", "schedule": "0 * * * * *" }, { "type": "httpTrigger", "name": "b" } ] }""")
            .With("nameless", """{ "bindings": [ { "type": "timerTrigger", "schedule": "0 * * * * *" } ] }""")
            .With("badcardinality", TempAppRoot.ServiceBus("q", "several"))
            .With("badauth", TempAppRoot.ProxiedHttp("x", "public"))
            .With("badroute", TempAppRoot.ProxiedHttp("items/{id:nosuch}"))
            .With("nullfile", "null");

        var message = Assert.Throws<InvalidOperationException>(() => FunctionCatalog.Load(root.Path)).Message;

        Assert.Contains("broken/function.json is not valid function metadata", message, StringComparison.Ordinal);
        Assert.Contains("blob/function.json: trigger type 'blobTrigger' is not supported", message, StringComparison.Ordinal);
        Assert.Contains("noqueue/function.json: the serviceBusTrigger binding has no \"queueName\"", message, StringComparison.Ordinal);
        Assert.Contains("topic/function.json: topic subscriptions are not supported", message, StringComparison.Ordinal);
        Assert.Contains("twotriggers/function.json: expected exactly one trigger binding, found 2", message, StringComparison.Ordinal);
        Assert.Contains("nameless/function.json: the timerTrigger binding has no \"name\"", message, StringComparison.Ordinal);
        Assert.Contains("badcardinality/function.json: cardinality 'several' is not one of one, many", message, StringComparison.Ordinal);
        Assert.Contains("badauth/function.json: authLevel 'public'", message, StringComparison.Ordinal);
        Assert.Contains("badroute/function.json: route 'items/{id:nosuch}' has an unknown constraint 'nosuch'", message, StringComparison.Ordinal);
        Assert.Contains("nullfile/function.json: the file holds JSON null", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingAppRoot_Throws()
    {
        var missing = Path.Combine(Path.GetTempPath(), "keymeter-missing-" + Guid.NewGuid().ToString("N"));

        var exception = Assert.Throws<InvalidOperationException>(() => FunctionCatalog.Load(missing));

        Assert.Contains(missing, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AppSettingReferences_AreResolved()
    {
        using var root = new TempAppRoot()
            .With("digest", TempAppRoot.Timer("%DigestSchedule%"))
            .With("aggregate", TempAppRoot.ServiceBus("%UsageQueue%"));
        var settings = new Dictionary<string, string> { ["DigestSchedule"] = "0 0 8 * * *", ["UsageQueue"] = "usage-dev" };

        var catalog = FunctionCatalog.Load(root.Path, name => settings.GetValueOrDefault(name));

        Assert.Equal("0 0 8 * * *", catalog.TimerFunctions.Single().Schedule.Expression);
        Assert.Equal("usage-dev", catalog.ServiceBusFunctions.Single().QueueName);
    }

    [Fact]
    public void Load_MissingAppSetting_ErrorNamesSetting()
    {
        using var root = new TempAppRoot().With("digest", TempAppRoot.Timer("%DigestSchedule%"));

        var exception = Assert.Throws<InvalidOperationException>(() => FunctionCatalog.Load(root.Path, _ => null));

        Assert.Contains("app setting 'DigestSchedule', which is not set", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EveryPayloadFunctionHandled_Passes()
    {
        using var root = new TempAppRoot()
            .With("proxy", TempAppRoot.ProxiedHttp("{*path}"))
            .With("ingest", PayloadHttp)
            .With("cursor-poll", TempAppRoot.Timer("0 */5 * * * *"))
            .With("aggregate", TempAppRoot.ServiceBus("usage"));
        var catalog = FunctionCatalog.Load(root.Path);

        catalog.Validate([new RecordingPayloadFunction("Cursor-Poll"), new RecordingPayloadFunction("aggregate"), new RecordingPayloadFunction("ingest")]);
    }

    [Fact]
    public void Validate_Mismatches_ListsEach()
    {
        using var root = new TempAppRoot()
            .With("proxy", TempAppRoot.ProxiedHttp("{*path}"))
            .With("cursor-poll", TempAppRoot.Timer("0 */5 * * * *"))
            .With("aggregate", TempAppRoot.ServiceBus("usage"));
        var catalog = FunctionCatalog.Load(root.Path);

        var message = Assert.Throws<InvalidOperationException>(() => catalog.Validate(
            [new RecordingPayloadFunction("aggregate"), new RecordingPayloadFunction("notify"), new RecordingPayloadFunction("proxy")])).Message;

        Assert.Contains("Function 'cursor-poll' (timerTrigger) has no registered IPayloadFunction", message, StringComparison.Ordinal);
        Assert.Contains("IPayloadFunction 'notify' has no function.json", message, StringComparison.Ordinal);
        Assert.Contains("IPayloadFunction 'proxy' belongs to a proxied HTTP function", message, StringComparison.Ordinal);
        Assert.DoesNotContain("'aggregate'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DisabledFunctionWithoutHandler_Passes()
    {
        using var root = new TempAppRoot().With("old", """
            { "disabled": true, "bindings": [ { "type": "timerTrigger", "name": "t", "schedule": "0 * * * * *" } ] }
            """);

        FunctionCatalog.Load(root.Path).Validate([]);
    }

    [Theory]
    [InlineData("GET", "/manage/keys", "manage-keys")]
    [InlineData("get", "/MANAGE/Keys", "manage-keys")]
    [InlineData("POST", "/manage/keys", "manage")]
    [InlineData("DELETE", "/manage/keys/abc", "manage")]
    [InlineData("GET", "/items/42", "item")]
    [InlineData("GET", "/items/abc", "anything")]
    [InlineData("GET", "/v1/chat/completions", "anything")]
    [InlineData("GET", "/report", "report")]
    public void TryMatchHttp_SeveralRoutes_PicksMostSpecificAllowedRoute(string method, string path, string expected)
    {
        using var root = RoutingRoot();
        var catalog = FunctionCatalog.Load(root.Path);

        Assert.True(catalog.TryMatchHttp(method, path, out var function, out _));
        Assert.Equal(expected, function.Name);
    }

    [Fact]
    public void TryMatchHttp_RouteParameters_AreReturned()
    {
        using var root = RoutingRoot();
        var catalog = FunctionCatalog.Load(root.Path);

        Assert.True(catalog.TryMatchHttp("GET", "/items/42", out _, out var values));
        Assert.Equal("42", values["id"]);
    }

    [Fact]
    public void TryMatchHttp_NoRouteMatches_ReturnsFalse()
    {
        using var root = new TempAppRoot()
            .With("manage-keys", TempAppRoot.ProxiedHttp("manage/keys", methods: "\"get\""))
            .With("old", """{ "disabled": true, "bindings": [ { "type": "httpTrigger", "name": "req", "route": "old" }, { "type": "http", "direction": "out", "name": "res" } ] }""");
        var catalog = FunctionCatalog.Load(root.Path);

        Assert.False(catalog.TryMatchHttp("POST", "/manage/keys", out _, out _));
        Assert.False(catalog.TryMatchHttp("GET", "/manage", out _, out _));
        Assert.False(catalog.TryMatchHttp("GET", "/old", out _, out _));
    }

    private static TempAppRoot RoutingRoot() => new TempAppRoot()
        .With("manage-keys", TempAppRoot.ProxiedHttp("manage/keys", methods: "\"get\""))
        .With("manage", TempAppRoot.ProxiedHttp("manage/{*path}"))
        .With("item", TempAppRoot.ProxiedHttp("items/{id:int}"))
        .With("report", """{ "bindings": [ { "type": "httpTrigger", "direction": "in", "name": "req" }, { "type": "http", "direction": "out", "name": "res" } ] }""")
        .With("anything", TempAppRoot.ProxiedHttp("{*path}"));
}
