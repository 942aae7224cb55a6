using System.Text.Json;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using WindowsNodeOperator.Aws.Resilience;

namespace WindowsNodeOperator.Aws.Ssm;

/// <summary>Reads AMI ids from SSM parameters with GetParameters, ten names a call.</summary>
internal sealed class SsmParameterReader(IAmazonSimpleSystemsManagement ssm, IAwsCallPipeline pipeline)
{
    /// <summary>GetParameters accepts at most ten names.</summary>
    public const int NamesPerCall = 10;

    /// <summary>The image id behind each name that exists, with the parameter's LastModifiedDate; names that do not exist are absent.</summary>
    public async Task<IReadOnlyDictionary<string, ParameterValue>> GetImageIdsAsync(IReadOnlyCollection<string> names, CancellationToken ct)
    {
        var found = new Dictionary<string, ParameterValue>(StringComparer.Ordinal);
        foreach (var chunk in names.Distinct(StringComparer.Ordinal).Chunk(NamesPerCall))
        {
            var request = new GetParametersRequest { Names = [.. chunk] };
            var response = await pipeline.ExecuteAsync(
                AwsServices.Ssm, "GetParameters", safeToRepeat: true, c => ssm.GetParametersAsync(request, c), ct);
            foreach (var parameter in response.Parameters ?? [])
            {
                // A name may have been asked for by ARN or with a :version/:label selector.
                var asked = chunk.FirstOrDefault(n => n == parameter.Name || n == parameter.ARN || n == parameter.Name + parameter.Selector);
                if (asked is not null && ImageIdOf(parameter.Value) is { } imageId)
                {
                    found[asked] = new ParameterValue(imageId, parameter.LastModifiedDate is { } modified ? Ec2.AwsTime.ToUtc(modified) : null);
                }
            }
        }

        return found;
    }

    /// <summary>A plain <c>ami-...</c> value, or the <c>image_id</c> of a JSON one (as the parent EKS parameters hold).</summary>
    internal static string? ImageIdOf(string? value)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (!trimmed.StartsWith('{'))
        {
            return trimmed;
        }

        try
        {
            using var document = JsonDocument.Parse(trimmed);
            return document.RootElement.TryGetProperty("image_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
