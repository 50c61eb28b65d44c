using System.Text;
using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Tests.Metering;

/// <summary>Keeps every event an <see cref="SseEventReader"/> reports, as "name|data".</summary>
internal sealed class RecordingSseHandler : ISseEventHandler
{
    public List<string> Events { get; } = [];

    public void OnEvent(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data) =>
        Events.Add(Encoding.UTF8.GetString(eventName) + "|" + Encoding.UTF8.GetString(data));
}
