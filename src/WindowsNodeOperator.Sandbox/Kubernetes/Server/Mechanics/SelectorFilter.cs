using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Selectors;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Errors;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Mechanics;

/// <summary>The server's entry to label and field selectors: one predicate per query, or a 400 naming the problem.</summary>
internal static class SelectorFilter
{
    public static Func<JsonObject, bool>? Parse(string? labelSelector, string? fieldSelector, string? kind = null)
    {
        if (string.IsNullOrWhiteSpace(labelSelector) && string.IsNullOrWhiteSpace(fieldSelector))
        {
            return null;
        }

        try
        {
            var labels = LabelSelector.Parse(labelSelector);
            var fields = FieldSelector.Parse(fieldSelector);
            if (kind is not null)
            {
                fields.EnsureSupported(kind);
            }

            return obj => labels.Matches(obj) && fields.Matches(obj);
        }
        catch (SelectorException ex)
        {
            throw ApiErrors.BadRequest(ex.Message);
        }
    }
}
