using System.ComponentModel.DataAnnotations;

namespace KeyMeter.Functions.Configuration;

/// <summary>Settings of local mode (no Functions host): <c>KeyMeter__Local__*</c>.</summary>
public sealed class LocalOptions
{
    public const string SectionName = "KeyMeter:Local";

    /// <summary>
    /// The value management and report routes require in <c>x-functions-key</c>, as Azure's function keys do.
    /// Generated and printed at start when not set.
    /// </summary>
    [MinLength(16, ErrorMessage = "KeyMeter__Local__FunctionKey must be at least 16 characters (or unset, to have one generated).")]
    [RegularExpression(@"^\S+$", ErrorMessage = "KeyMeter__Local__FunctionKey must not contain spaces.")]
    public string? FunctionKey { get; set; }

    /// <summary>Start Azurite when the storage is the development storage and nothing answers. Default true.</summary>
    public bool StartAzurite { get; set; } = true;

    /// <summary>Where a started Azurite keeps its data, relative to the working directory. Default <c>.azurite</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "KeyMeter__Local__AzuriteDataDirectory must not be empty.")]
    public string AzuriteDataDirectory { get; set; } = ".azurite";
}
