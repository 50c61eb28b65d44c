using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Routing.Constraints;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.CustomHandler;

/// <summary>
/// Matches requests against one HTTP function's route the way ASP.NET Core routing does (templates, defaults,
/// optional and catch-all parameters, inline constraints such as <c>{id:int}</c>).
/// </summary>
internal sealed class HttpRoute
{
    private static readonly DefaultInlineConstraintResolver ConstraintResolver =
        new DefaultInlineConstraintResolver(Options.Create(new RouteOptions()), new ServiceCollection().BuildServiceProvider());

    private readonly TemplateMatcher _matcher;
    private readonly KeyValuePair<string, IRouteConstraint>[] _constraints;

    private HttpRoute(HttpFunctionDefinition function, TemplateMatcher matcher, KeyValuePair<string, IRouteConstraint>[] constraints, decimal precedence)
    {
        Function = function;
        _matcher = matcher;
        _constraints = constraints;
        Precedence = precedence;
    }

    public HttpFunctionDefinition Function { get; }

    /// <summary>Lower is more specific: literals before parameters before catch-alls.</summary>
    public decimal Precedence { get; }

    public static bool TryCreate(HttpFunctionDefinition function, [NotNullWhen(true)] out HttpRoute? route, [NotNullWhen(false)] out string? error)
    {
        route = null;
        RoutePattern pattern;
        try
        {
            pattern = RoutePatternFactory.Parse(function.Route);
        }
        catch (RoutePatternException exception)
        {
            error = $"route '{function.Route}' is invalid: {exception.Message}";
            return false;
        }

        var constraints = new List<KeyValuePair<string, IRouteConstraint>>();
        foreach (var (parameterName, policies) in pattern.ParameterPolicies)
        {
            var optional = pattern.GetParameter(parameterName)?.IsOptional == true;
            foreach (var policy in policies)
            {
                if (!TryResolve(policy, out var constraint))
                {
                    error = $"route '{function.Route}' has an unknown constraint '{policy.Content}' on '{parameterName}'.";
                    return false;
                }

                constraints.Add(new(parameterName, optional ? new OptionalRouteConstraint(constraint) : constraint));
            }
        }

        var template = new RouteTemplate(pattern);
        var matcher = new TemplateMatcher(template, new RouteValueDictionary(pattern.Defaults));
        route = new HttpRoute(function, matcher, [.. constraints], RoutePrecedence.ComputeInbound(template));
        error = null;
        return true;
    }

    /// <summary>Whether <paramref name="method"/> and <paramref name="path"/> match; fills <paramref name="values"/>.</summary>
    public bool TryMatch(string method, PathString path, RouteValueDictionary values) =>
        (Function.Methods.Count == 0 || Function.Methods.Contains(method, StringComparer.OrdinalIgnoreCase))
        && TryMatchPath(path, values);

    /// <summary>Whether <paramref name="path"/> matches, whatever the method; fills <paramref name="values"/>.</summary>
    public bool TryMatchPath(PathString path, RouteValueDictionary values)
    {
        if (!_matcher.TryMatch(path, values))
        {
            return false;
        }

        foreach (var (key, constraint) in _constraints)
        {
            if (!constraint.Match(null, null, key, values, RouteDirection.IncomingRequest))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryResolve(RoutePatternParameterPolicyReference policy, [NotNullWhen(true)] out IRouteConstraint? constraint)
    {
        constraint = policy.ParameterPolicy as IRouteConstraint;
        if (constraint is null && policy.Content is { } content)
        {
            try
            {
                constraint = ConstraintResolver.ResolveConstraint(content);
            }
            catch (Exception exception) when (exception is RouteCreationException or InvalidOperationException)
            {
                constraint = null;
            }
        }

        return constraint is not null;
    }
}
