using Amazon.EC2;
using Amazon.EC2.Model;
using WindowsNodeOperator.Aws.AutoScaling;
using WindowsNodeOperator.Tests.Aws.Moto;

namespace WindowsNodeOperator.Tests.Aws.AutoScaling;

/// <summary>
/// Our client pointed at moto_server, plus the set-up calls the operator itself never makes:
/// a launch template through AWSSDK.EC2 and groups through raw Query requests.
/// </summary>
internal sealed class MotoAutoScaling : IDisposable
{
    private readonly HttpClient _http;
    private readonly AmazonEC2Client _ec2;

    public MotoAutoScaling(MotoServer moto, int pageSize = AutoScalingRequests.MaxRecords)
    {
        _http = AutoScalingClientFactory.CreateHttpClient(moto.Credentials, Amazon.RegionEndpoint.GetBySystemName(MotoServer.Region), transport: null);
        Client = new AutoScalingQueryClient(_http, moto.Endpoint);
        Adapter = new AutoScalingAdapter(Client, Pipeline, pageSize);
        _ec2 = new AmazonEC2Client(moto.Credentials, new AmazonEC2Config { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = MotoServer.Region });
    }

    public AutoScalingQueryClient Client { get; }

    public AutoScalingAdapter Adapter { get; }

    public PassThroughPipeline Pipeline { get; } = new();

    public async Task<string> CreateLaunchTemplateAsync(string name)
    {
        var response = await _ec2.CreateLaunchTemplateAsync(new CreateLaunchTemplateRequest
        {
            LaunchTemplateName = name,
            LaunchTemplateData = new RequestLaunchTemplateData { ImageId = "ami-12c6146b", InstanceType = "m5.large" },
        });
        return response.LaunchTemplate.LaunchTemplateId;
    }

    public Task CreateGroupAsync(string name, string launchTemplateId, int desired, params (string Key, string Value)[] tags)
    {
        var request = new QueryRequest("CreateAutoScalingGroup")
            .Add("AutoScalingGroupName", name)
            .Add("LaunchTemplate.LaunchTemplateId", launchTemplateId)
            .Add("LaunchTemplate.Version", "1")
            .Add("MinSize", 0)
            .Add("MaxSize", desired + 2)
            .Add("DesiredCapacity", desired)
            .AddList("AvailabilityZones", [$"{MotoServer.Region}a"]);
        for (var i = 0; i < tags.Length; i++)
        {
            var prefix = $"Tags.member.{i + 1}";
            request
                .Add($"{prefix}.ResourceId", name)
                .Add($"{prefix}.ResourceType", "auto-scaling-group")
                .Add($"{prefix}.Key", tags[i].Key)
                .Add($"{prefix}.Value", tags[i].Value)
                .Add($"{prefix}.PropagateAtLaunch", true);
        }

        // The set-up request is held to the model as strictly as the client's own.
        Assert.Empty(new ModelChecker(BotocoreModel.AutoScaling).CheckRequest(request.ToForm()));
        return Client.SendAsync(request, CancellationToken.None);
    }

    public void Dispose()
    {
        _http.Dispose();
        _ec2.Dispose();
    }
}
