namespace KeyMeter.Functions.CustomHandler;

/// <summary>
/// The timer trigger's value: <c>{"Schedule": {...}, "ScheduleStatus": {...} | null, "IsPastDue": bool}</c>.
/// </summary>
/// <remarks>Shape inferred from the timer extension's TimerInfo type; the host documents no JSON for it.</remarks>
internal sealed record TimerInfo(TimerScheduleInfo? Schedule, ScheduleStatus? ScheduleStatus, bool IsPastDue)
{
    public static DecodeResult<TimerInfo> Decode(InvocationRequest request, string bindingName)
    {
        if (!request.Data.TryGetValue(bindingName, out var raw))
        {
            return DecodeResult<TimerInfo>.Failure($"Data has no timer binding '{bindingName}'.");
        }

        return InvocationDecoder.TryDeserialize(raw, HostJsonContext.Default.TimerInfo, out var info, out var error)
            ? DecodeResult<TimerInfo>.Success(info)
            : DecodeResult<TimerInfo>.Failure($"Data.{bindingName} is not a timer value: {error}");
    }
}
