using KeyMeter.Functions.CustomHandler;
using KeyMeter.Functions.Local;
using KeyMeter.Functions.Tests.CustomHandler;
using Microsoft.Extensions.DependencyInjection;

namespace KeyMeter.Functions.Tests.Local;

public sealed class LocalTimerSchedulerTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Timer_OccurrenceDue_PostsDocumentedTimerPayload()
    {
        using var root = new TempAppRoot().With("cursor-poll", TempAppRoot.Timer("0 */5 * * * *"));
        var clock = new ObservableTimeProvider(Start);
        var function = new RecordingPayloadFunction("cursor-poll");
        await using var app = await StartAsync(root, clock, function);

        await clock.WaitForTimersAsync(1);
        Assert.Equal(0, function.CallCount);
        clock.Advance(TimeSpan.FromMinutes(5));
        var request = await function.NextCallAsync();

        // {"Data":{"myTimer":{"Schedule":{...},"ScheduleStatus":{...},"IsPastDue":false}},"Metadata":{"sys":{...}}}
        var raw = request.Data["myTimer"];
        Assert.Equal(System.Text.Json.JsonValueKind.Object, raw.ValueKind);
        Assert.Equal(["Schedule", "ScheduleStatus", "IsPastDue"], raw.EnumerateObject().Select(p => p.Name));
        var timer = TimerInfo.Decode(request, "myTimer");
        Assert.True(timer.Succeeded, timer.Error);
        Assert.Equal(new TimerInfo(new TimerScheduleInfo(true), new ScheduleStatus(null, Start.AddMinutes(10), Start.AddMinutes(5)), false), timer.Value);
        Assert.Equal("cursor-poll", request.Metadata["sys"].GetProperty("MethodName").GetString());
    }

    [Fact]
    public async Task Timer_RunOnStartup_FiresOnceAtStartWithoutWaiting()
    {
        using var root = new TempAppRoot().With("digest", TempAppRoot.Timer("0 0 8 * * *", runOnStartup: true));
        var clock = new ObservableTimeProvider(Start);
        var function = new RecordingPayloadFunction("digest");
        await using var app = await StartAsync(root, clock, function);

        var timer = TimerInfo.Decode(await function.NextCallAsync(), "myTimer");

        Assert.True(timer.Succeeded, timer.Error);
        Assert.Equal(Start.AddHours(8), timer.Value.ScheduleStatus?.Next);
        await clock.WaitForTimersAsync(1);
        Assert.Equal(1, function.CallCount);
    }

    [Fact]
    public async Task Timer_InvocationFails_KeepsFiring()
    {
        using var root = new TempAppRoot().With("cursor-poll", TempAppRoot.Timer("0 */5 * * * *"));
        var clock = new ObservableTimeProvider(Start);
        var function = new RecordingPayloadFunction("cursor-poll", (_, call) => call == 1 ? PayloadResult.TransientFailure("upstream down") : PayloadResult.Success());
        var logs = new ListLoggerProvider();
        await using var app = await StartAsync(root, clock, function, logs);

        await clock.WaitForTimersAsync(1);
        clock.Advance(TimeSpan.FromMinutes(5));
        await function.NextCallAsync();
        await clock.WaitForTimersAsync(2);
        clock.Advance(TimeSpan.FromMinutes(5));
        var second = TimerInfo.Decode(await function.NextCallAsync(), "myTimer");

        Assert.Equal(Start.AddMinutes(5), second.Value?.ScheduleStatus?.Last);
        Assert.Contains(logs.Lines, line => line.EventId == 2103 && line.Message.Contains("HTTP 500", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Timer_Disabled_NeverFires()
    {
        using var root = new TempAppRoot().With("old", """
            { "disabled": true, "bindings": [ { "type": "timerTrigger", "name": "t", "schedule": "0 * * * * *", "runOnStartup": true } ] }
            """).With("live", TempAppRoot.Timer("0 * * * * *"));
        var clock = new ObservableTimeProvider(Start);
        var old = new RecordingPayloadFunction("old");
        var live = new RecordingPayloadFunction("live");
        await using var app = await StartAsync(root, clock, old, live);

        await clock.WaitForTimersAsync(1);
        clock.Advance(TimeSpan.FromMinutes(1));
        await live.NextCallAsync();

        Assert.Equal(0, old.CallCount);
    }

    private static Task<TestWebApp> StartAsync(TempAppRoot root, TimeProvider clock, RecordingPayloadFunction function, ListLoggerProvider? logs = null) =>
        StartAsync(root, clock, [function], logs);

    private static Task<TestWebApp> StartAsync(TempAppRoot root, TimeProvider clock, params RecordingPayloadFunction[] functions) =>
        StartAsync(root, clock, functions, null);

    private static Task<TestWebApp> StartAsync(TempAppRoot root, TimeProvider clock, RecordingPayloadFunction[] functions, ListLoggerProvider? logs) =>
        TestWebApp.StartAsync(
            services =>
            {
                services.AddSingleton(clock);
                services.AddFunctionCatalog(root.Path);
                foreach (var function in functions)
                {
                    services.AddSingleton<IPayloadFunction>(function);
                }

                services.AddSingleton<IDeadLetterStore>(new MemoryDeadLetterStore());
                services.AddLocalRuntime();
            },
            logs);
}
