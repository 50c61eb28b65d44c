using System.ComponentModel.DataAnnotations;

namespace KeyMeter.Functions.Queues;

/// <summary>
/// The Service Bus namespace usage records are sent to under the Functions host, reached with the managed identity:
/// <c>KeyMeter__ServiceBus__FullyQualifiedNamespace</c>, e.g. <c>sb-km123.servicebus.windows.net</c>. Local mode uses
/// in-process queues instead.
/// </summary>
public sealed class ServiceBusOptions
{
    public const string SectionName = "KeyMeter:ServiceBus";

    [Required(ErrorMessage = "KeyMeter__ServiceBus__FullyQualifiedNamespace is required under the Functions host, e.g. sb-name.servicebus.windows.net.")]
    [RegularExpression(@"^[A-Za-z0-9][A-Za-z0-9.-]+$", ErrorMessage = "KeyMeter__ServiceBus__FullyQualifiedNamespace must be a host name such as sb-name.servicebus.windows.net, without https://.")]
    public string? FullyQualifiedNamespace { get; set; }
}
