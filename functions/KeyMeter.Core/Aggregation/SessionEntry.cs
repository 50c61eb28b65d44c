using System.Globalization;
using System.Text;
using KeyMeter.Core.Agents;
using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Aggregation;

/// <summary>
/// One value of the <see cref="AggregateDimension.Session"/> dimension: the calls of one agent's session with one
/// model on one day, or, for calls that name no session, the calls of one key with one model in one
/// <see cref="SlotMinutes"/>-minute slot, from which the sessions report cuts sessions at idle gaps. Encoded as its fields
/// joined by a control character, which no field may contain (<see cref="UsageRecordReader"/> refuses them).
/// </summary>
/// <param name="Id">The agent's session id when <paramref name="Named"/>; otherwise the key id (<see cref="RecordDimensions.NoKey"/> without one).</param>
/// <param name="Slot">Minutes after midnight UTC at which the slot starts; 0 for a named session.</param>
public sealed record SessionEntry(string Agent, string Developer, bool Named, string Id, int Slot, string Model)
{
    /// <summary>The width of an unnamed slot; the idle gap that cuts sessions is at least this long, so no gap hides inside a slot.</summary>
    public const int SlotMinutes = 15;

    private const char Separator = '\u001f';

    /// <summary>The entry a record counts under, or null for a record that belongs to no session (a Cursor seat).</summary>
    public static SessionEntry? Of(UsageRecord record, string developer)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Charge == UsageCharges.Seat)
        {
            return null;
        }

        var agent = CodingAgents.Of(record);
        if (record.SessionId is { Length: > 0 } session)
        {
            return new SessionEntry(agent, developer, true, session, 0, record.Model);
        }

        var time = record.StartedAt.UtcDateTime.TimeOfDay;
        var slot = (int)time.TotalMinutes / SlotMinutes * SlotMinutes;
        return new SessionEntry(agent, developer, false, string.IsNullOrEmpty(record.KeyId) ? RecordDimensions.NoKey : record.KeyId, slot, record.Model);
    }

    public string Encode() => new StringBuilder()
        .Append(Agent).Append(Separator)
        .Append(Developer).Append(Separator)
        .Append(Named ? 's' : 'k').Append(Separator)
        .Append(Id).Append(Separator)
        .Append(Slot.ToString(CultureInfo.InvariantCulture)).Append(Separator)
        .Append(Model)
        .ToString();

    /// <summary>Reads a value written by <see cref="Encode"/>; false for anything else.</summary>
    public static bool TryDecode(string value, out SessionEntry? entry)
    {
        ArgumentNullException.ThrowIfNull(value);
        entry = null;
        var fields = value.Split(Separator);
        if (fields.Length != 6 || fields[2] is not ("s" or "k") || !int.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out var slot))
        {
            return false;
        }

        entry = new SessionEntry(fields[0], fields[1], fields[2] == "s", fields[3], slot, fields[5]);
        return true;
    }
}
