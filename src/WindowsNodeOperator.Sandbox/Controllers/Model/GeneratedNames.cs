using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Sandbox.Controllers.Model;

/// <summary>
/// Creates objects named by <c>metadata.generateName</c>. The API server answers a suffix already taken with 409
/// AlreadyExists (https://kubernetes.io/docs/reference/using-api/api-concepts/#generated-values); a controller then
/// tries again, and each try draws a fresh suffix.
/// </summary>
internal static class GeneratedNames
{
    private const int Attempts = 8;

    public static JsonObject Create(ISandboxStore store, JsonObject obj)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return store.Create(obj);
            }
            catch (SandboxApiException e) when (e is { Code: 409, Reason: "AlreadyExists" } && attempt < Attempts)
            {
            }
        }
    }
}
