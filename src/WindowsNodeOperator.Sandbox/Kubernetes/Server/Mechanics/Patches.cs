using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Patching;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Mechanics;

/// <summary>The server's entry to the patch engines; a patch that does not apply becomes kube's 400/422 Status.</summary>
internal static class Patches
{
    public static bool SupportsStrategic(ResourceType type) => !type.IsCustom && PatchMeta.Supports(type.ApiVersion, type.Kind);

    public static JsonNode ApplyMerge(JsonNode target, JsonNode patch) => Guard(() => JsonMergePatch.Apply(target, patch));

    public static JsonNode ApplyStrategic(JsonNode target, JsonNode patch, ResourceType type) =>
        Guard(() => StrategicMergePatch.Apply(target, patch, PatchMeta.For(type.ApiVersion, type.Kind)));

    public static JsonNode ApplyJson(JsonNode target, JsonArray operations) => Guard(() => JsonPatch.Apply(target, operations));

    private static JsonNode Guard(Func<JsonNode> apply)
    {
        try
        {
            return apply();
        }
        catch (PatchException ex)
        {
            throw new SandboxApiException(ex.StatusCode, ex.StatusCode == 400 ? "BadRequest" : "Invalid", ex.Message);
        }
    }
}
