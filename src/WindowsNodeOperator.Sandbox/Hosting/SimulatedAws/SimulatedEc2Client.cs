using Amazon.EC2;
using Amazon.EC2.Model;
using WindowsNodeOperator.Sandbox.Cloud;
using SimulatedTemplate = WindowsNodeOperator.Sandbox.Cloud.Ec2.LaunchTemplateSpecification;
using WindowsNodeOperator.Sandbox.Cloud.Faults;

namespace WindowsNodeOperator.Sandbox.Hosting.SimulatedAws;

/// <summary>
/// The SDK's EC2 client, answered by the simulated account, so the real <c>Ec2InstanceInventory</c>,
/// <c>Ec2LaunchTemplates</c> and <c>Ec2ImageReader</c> run unchanged (filters, paging, client tokens, reading).
/// </summary>
/// <remarks>
/// Why a subclass: IAmazonEC2 has hundreds of members and the adapters use four. Deriving from the SDK client and
/// overriding those four keeps the adapters on their real interface with no seam added for the sandbox's sake; the
/// base client's HTTP layer refuses every request, so any other call fails loudly instead of reaching AWS.
/// </remarks>
internal sealed class SimulatedEc2Client(SimulatedCloud cloud)
    : AmazonEC2Client(SimulatedSdkConfig.Credentials, SimulatedSdkConfig.Create<AmazonEC2Config>(cloud.Options.Region))
{
    public override Task<DescribeInstancesResponse> DescribeInstancesAsync(DescribeInstancesRequest request, CancellationToken cancellationToken = default) =>
        SimulatedAwsErrors.RunAsync(
            () =>
            {
                var ids = request.InstanceIds is { Count: > 0 } wanted ? wanted : null;
                var matching = cloud.Ec2.DescribeInstances(ids)
                    .Where(i => Ec2Filters.Matches(i, request.Filters ?? []))
                    .OrderBy(i => i.InstanceId, StringComparer.Ordinal)
                    .ToList();
                var (page, next) = Ec2Filters.Page(matching, request.MaxResults, request.NextToken);
                return new DescribeInstancesResponse { Reservations = [.. page.Select(Ec2Shapes.Reservation)], NextToken = next };
            },
            SimulatedAwsErrors.Ec2,
            cancellationToken);

    public override Task<DescribeImagesResponse> DescribeImagesAsync(DescribeImagesRequest request, CancellationToken cancellationToken = default) =>
        SimulatedAwsErrors.RunAsync(
            () =>
            {
                // ImageIds fails on an unknown id (the simulation does the same); filters just leave it out.
                var ids = request.ImageIds is { Count: > 0 } wanted ? wanted : null;
                var matching = cloud.Ec2.DescribeImages(ids)
                    .Where(i => Ec2Filters.Matches(i, request.Filters ?? []))
                    .OrderBy(i => i.ImageId, StringComparer.Ordinal)
                    .ToList();
                var (page, next) = Ec2Filters.Page(matching, request.MaxResults, request.NextToken);
                return new DescribeImagesResponse { Images = [.. page.Select(Ec2Shapes.Image)], NextToken = next };
            },
            SimulatedAwsErrors.Ec2,
            cancellationToken);

    public override Task<DescribeLaunchTemplateVersionsResponse> DescribeLaunchTemplateVersionsAsync(
        DescribeLaunchTemplateVersionsRequest request, CancellationToken cancellationToken = default) =>
        SimulatedAwsErrors.RunAsync(
            () =>
            {
                // Images are plain AMI ids in the simulation, so ResolveAlias has nothing to resolve.
                var template = new SimulatedTemplate(request.LaunchTemplateId, request.LaunchTemplateName);
                var versions = cloud.Ec2.DescribeLaunchTemplateVersions(template, request.Versions ?? []);
                return new DescribeLaunchTemplateVersionsResponse { LaunchTemplateVersions = [.. versions.Select(Ec2Shapes.Version)] };
            },
            SimulatedAwsErrors.Ec2,
            cancellationToken);

    public override Task<CreateLaunchTemplateVersionResponse> CreateLaunchTemplateVersionAsync(
        CreateLaunchTemplateVersionRequest request, CancellationToken cancellationToken = default) =>
        SimulatedAwsErrors.RunAsync(
            () =>
            {
                if (request.SourceVersion is not { Length: > 0 } source || request.LaunchTemplateData?.ImageId is not { Length: > 0 } imageId)
                {
                    throw new SimulatedAwsException(
                        "InvalidParameterCombination", 400, "The simulated account creates versions from a SourceVersion with a new ImageId only.");
                }

                var template = new SimulatedTemplate(request.LaunchTemplateId, request.LaunchTemplateName);
                var created = cloud.Ec2.CreateLaunchTemplateVersion(template, source, imageId, request.VersionDescription, request.ClientToken);
                return new CreateLaunchTemplateVersionResponse { LaunchTemplateVersion = Ec2Shapes.Version(created) };
            },
            SimulatedAwsErrors.Ec2,
            cancellationToken);
}
