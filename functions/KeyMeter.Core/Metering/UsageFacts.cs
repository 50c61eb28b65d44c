namespace KeyMeter.Core.Metering;

/// <summary>
/// What <see cref="UsageJsonScanner"/> found in one JSON document: its usage, model, id and type, and how many bytes
/// of generated text it carried. Text is only measured, never kept (zero data retention); model and id become strings
/// only while a meter still needs them (<see cref="CaptureIdentifiers"/>), so a stream pays for them once.
/// </summary>
internal sealed class UsageFacts
{
    /// <summary>Longer values are not model names or ids; they are ignored rather than kept.</summary>
    public const int MaxIdentifierBytes = 256;

    private string? _model;
    private string? _id;

    public RawUsage Usage { get; } = new();

    /// <summary>Set when a usage object was read to its end and carried at least one count.</summary>
    public bool HasUsage { get; set; }

    /// <summary>Set when the top-level <c>choices</c> array has at least one element.</summary>
    public bool HasChoices { get; set; }

    public StreamEventType Type { get; set; }

    public long TextBytes { get; set; }

    /// <summary>Whether model and id are copied at all; meters that already know them turn it off.</summary>
    public bool CaptureIdentifiers { get; set; } = true;

    public bool HasModel => _model is not null;

    public bool HasId => _id is not null;

    public void Reset(bool captureIdentifiers)
    {
        Usage.Clear();
        HasUsage = false;
        HasChoices = false;
        Type = StreamEventType.Other;
        TextBytes = 0;
        CaptureIdentifiers = captureIdentifiers;
        _model = null;
        _id = null;
    }

    /// <summary>Sets the model; null (too long to be one) leaves it absent.</summary>
    public void SetModel(string? model) => _model = model;

    /// <summary>Sets the id; null (too long to be one) leaves it absent.</summary>
    public void SetId(string? id) => _id = id;

    public string? ModelOrNull() => _model;

    public string? IdOrNull() => _id;
}
