using System.Text.Json;

namespace KeyMeter.Core.Proxy.Translation;

/// <summary>An upstream usage that can be written as Chat Completions' <c>usage</c> member.</summary>
internal interface IChatUsage
{
    void WriteChatUsage(Utf8JsonWriter writer);
}
