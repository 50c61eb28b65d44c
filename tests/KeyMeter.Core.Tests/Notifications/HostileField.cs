namespace KeyMeter.Core.Tests.Notifications;

/// <summary>A place in an alert or a digest that shows a value KeyMeter does not control.</summary>
public enum HostileField
{
    /// <summary>Alert: the key's name (subject, summary, the Key fact).</summary>
    AlertKeyName,

    /// <summary>Alert: the key owner's email (summary, the Owner fact).</summary>
    AlertOwner,

    /// <summary>Digest: a developer's email (top developers, anomalies, night hours, bypassing).</summary>
    DigestDeveloper,

    /// <summary>Digest: the project tag's value (top projects).</summary>
    DigestProject,

    /// <summary>Digest: a model name as the client sent it (top models).</summary>
    DigestModel,

    /// <summary>Digest: a key's name in the budgets table.</summary>
    DigestKeyName,

    /// <summary>Digest: a key owner's email in the budgets table.</summary>
    DigestKeyOwner,

    /// <summary>Digest: a usage source other than proxy and cursor (a fact label).</summary>
    DigestSource,
}
