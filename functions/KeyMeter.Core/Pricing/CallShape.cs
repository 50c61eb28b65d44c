namespace KeyMeter.Core.Pricing;

/// <summary>What a request body says about how much a call can bill.</summary>
/// <param name="BodyBytes">The body's size: text never takes more tokens than bytes.</param>
/// <param name="InputBoundedByBody">False when the provider adds input the body does not show (server-side state, tools, media).</param>
/// <param name="MaxOutputTokens">The output limit the request sets, if any.</param>
/// <param name="Choices">How many completions the call generates.</param>
public readonly record struct CallShape(long BodyBytes, bool InputBoundedByBody, long? MaxOutputTokens, long Choices);
