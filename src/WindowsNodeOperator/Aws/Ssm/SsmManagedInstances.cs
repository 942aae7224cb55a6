using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using WindowsNodeOperator.Aws.Resilience;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Aws.Ssm;

/// <summary>
/// SSM's view of the instances with DescribeInstanceInformation, filtered by <c>InstanceIds</c> 50 at a time (the largest page).
/// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DescribeInstanceInformation.html
/// </summary>
internal sealed class SsmManagedInstances(IAmazonSimpleSystemsManagement ssm, IAwsCallPipeline pipeline) : IManagedInstances
{
    private const int PageSize = 50;

    public async Task<IReadOnlyDictionary<string, string>> PingStatusAsync(IReadOnlyCollection<string> instanceIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in instanceIds.Distinct(StringComparer.Ordinal).Chunk(PageSize))
        {
            string? token = null;
            do
            {
                var request = new DescribeInstanceInformationRequest
                {
                    Filters = [new InstanceInformationStringFilter { Key = "InstanceIds", Values = [.. chunk] }],
                    MaxResults = PageSize,
                    NextToken = token,
                };
                var response = await pipeline.ExecuteAsync(
                    AwsServices.Ssm, "DescribeInstanceInformation", safeToRepeat: true, c => ssm.DescribeInstanceInformationAsync(request, c), ct).ConfigureAwait(false);
                foreach (var info in response.InstanceInformationList ?? [])
                {
                    found[info.InstanceId] = info.PingStatus?.Value ?? "Unknown";
                }

                token = response.NextToken;
            }
            while (!string.IsNullOrEmpty(token));
        }

        return found;
    }
}
