using System.Text;

namespace KeyMeter.Core.Metering;

/// <summary>
/// What <see cref="UsageJsonScanner"/> found in one JSON document: its usage, model, id and type, and how many bytes
/// of generated text it carried. Text is only measured, never kept (zero data retention); model and id are copied
/// into small fixed buffers so that reading them costs no string per chunk.
/// </summary>
internal sealed class UsageFacts
{
    /// <summary>Longer values are not model names or ids; they are ignored rather than kept.</summary>
    public const int MaxIdentifierBytes = 256;

    private readonly byte[] _model = new byte[MaxIdentifierBytes];
    private readonly byte[] _id = new byte[MaxIdentifierBytes];
    private int _modelLength = -1;
    private int _idLength = -1;

    public RawUsage Usage { get; } = new();

    /// <summary>Set when a usage object was read to its end and carried at least one count.</summary>
    public bool HasUsage { get; set; }

    /// <summary>Set when the top-level <c>choices</c> array has at least one element.</summary>
    public bool HasChoices { get; set; }

    public StreamEventType Type { get; set; }

    public long TextBytes { get; set; }

    /// <summary>Whether model and id are copied at all; meters that already know them turn it off.</summary>
    public bool CaptureIdentifiers { get; set; } = true;

    public bool HasModel => _modelLength >= 0;

    public bool HasId => _idLength >= 0;

    public void Reset(bool captureIdentifiers)
    {
        Usage.Clear();
        HasUsage = false;
        HasChoices = false;
        Type = StreamEventType.Other;
        TextBytes = 0;
        CaptureIdentifiers = captureIdentifiers;
        _modelLength = -1;
        _idLength = -1;
    }

    public Span<byte> ModelBuffer => _model;

    public Span<byte> IdBuffer => _id;

    public void SetModelLength(int length) => _modelLength = length;

    public void SetIdLength(int length) => _idLength = length;

    public string? ModelOrNull() => _modelLength < 0 ? null : Encoding.UTF8.GetString(_model, 0, _modelLength);

    public string? IdOrNull() => _idLength < 0 ? null : Encoding.UTF8.GetString(_id, 0, _idLength);
}
