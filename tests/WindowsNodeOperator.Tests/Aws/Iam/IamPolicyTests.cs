using System.Diagnostics;
using System.Text.RegularExpressions;
using WindowsNodeOperator.Tests.Aws.AutoScaling;
using WindowsNodeOperator.Tests.EndToEnd;

namespace WindowsNodeOperator.Tests.Aws.Iam;

public sealed class IamPolicyTests
{
    /// <summary>What Auto Scaling checks of the caller when it points a group at a launch template (docs/aws.md): no call of ours.</summary>
    private static readonly string[] CheckedForTheTemplate = ["ec2:RunInstances", "ec2:CreateTags", "iam:PassRole"];

    [Fact]
    public void The_template_is_valid_CloudFormation_by_cfn_lint()
    {
        var (exit, output) = Run("cfn-lint", ShippedIamPolicy.TemplatePath);

        Assert.True(exit == 0, $"cfn-lint found problems in {ShippedIamPolicy.TemplatePath}:\n{output}");
    }

    [Fact]
    public void The_cluster_and_the_node_role_are_install_time_values_with_no_placeholder_left_in_the_policy()
    {
        var policy = ShippedIamPolicy.Load();

        Assert.Equal(["ClusterName", "NodeRoleArn"], policy.Parameters);
        Assert.Contains("${ClusterName}", policy.DocumentTemplate, StringComparison.Ordinal);
        Assert.Contains("${NodeRoleArn}", policy.DocumentTemplate, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex("[0-9]{12}"), policy.DocumentTemplate);
        var passRole = Assert.Single(policy.Statements, s => s["Action"]!.ToJsonString() == "\"iam:PassRole\"");
        Assert.Equal(ShippedIamPolicy.NodeRole, (string?)passRole["Resource"]);
    }

    [Fact]
    public void Every_action_is_an_operation_of_its_service_in_botocores_models()
    {
        var models = new Dictionary<string, BotocoreModel>(StringComparer.Ordinal)
        {
            ["autoscaling"] = BotocoreModel.AutoScaling,
            ["ec2"] = BotocoreModel.Ec2,
            ["ssm"] = BotocoreModel.Ssm,
        };

        // iam:PassRole is a permission only: no API operation has that name.
        foreach (var action in ShippedIamPolicy.Load().AllowedActions.Where(a => a != "iam:PassRole"))
        {
            var (service, operation) = (action.Split(':')[0], action.Split(':')[1]);
            Assert.True(models.TryGetValue(service, out var model), $"{action}: a service the operator does not call");
            Assert.True(model.Operation(operation) is not null, $"{action}: botocore's {service} model has no operation {operation}");
        }
    }

    [Fact]
    public async Task It_grants_every_auto_scaling_action_the_client_sends_and_no_other()
    {
        using var harness = ModelConformanceTests.EveryOperationHarness();
        await ModelConformanceTests.CallEveryOperationWithEveryOptionAsync(harness.Adapter);
        var sent = harness.Requests.Select(r => $"autoscaling:{r.Action}").ToHashSet(StringComparer.Ordinal);

        var granted = ShippedIamPolicy.Load().AllowedActions.Where(a => a.StartsWith("autoscaling:", StringComparison.Ordinal));

        Assert.Equal(12, sent.Count);
        Assert.Equal(sent.Order(), granted.Order());
    }

    /// <summary>
    /// The calls of an end-to-end run against the simulated account (a rollout, a rollback, a cleanup), as the
    /// scenarios' <see cref="AwsRequests"/> kept them: each is granted, and every EC2 and SSM grant is used by one of
    /// them or is what Auto Scaling checks for the template.
    /// </summary>
    internal static void AssertGrantedExactly(IEnumerable<AwsCall> calls, bool everyReadAndWrite)
    {
        var policy = ShippedIamPolicy.Load();
        var actions = calls.Select(c => IamAction(c.Action)).ToHashSet(StringComparer.Ordinal);

        var denied = actions.Where(a => !policy.AllowedActions.Contains(a)).ToList();
        Assert.True(denied.Count == 0, $"called but not granted: {string.Join(", ", denied)}");
        if (everyReadAndWrite)
        {
            var unused = policy.AllowedActions
                .Where(a => !a.StartsWith("autoscaling:", StringComparison.Ordinal) && !actions.Contains(a) && !CheckedForTheTemplate.Contains(a))
                .ToList();
            Assert.True(unused.Count == 0, $"granted but never called: {string.Join(", ", unused)}");
        }
    }

    public static TheoryData<string, string, string[], bool> Requests => new()
    {
        // Auto Scaling writes: only this cluster's managed groups.
        { "autoscaling:StartInstanceRefresh", Group, [Managed, Owned], true },
        { "autoscaling:CompleteLifecycleAction", Group, [Managed, Owned], true },
        { "autoscaling:StartInstanceRefresh", Group, [Managed, "autoscaling:ResourceTag/kubernetes.io/cluster/staging=owned"], false },
        { "autoscaling:StartInstanceRefresh", Group, [Owned], false },
        { "autoscaling:StartInstanceRefresh", Group, [Managed], false },
        { "autoscaling:UpdateAutoScalingGroup", Group, [Managed, Owned], false },
        { "autoscaling:DescribeAutoScalingGroups", "*", [], true },
        // Launch template versions: only of this cluster's managed templates.
        { "ec2:CreateLaunchTemplateVersion", Template, [TemplateManaged, TemplateOwned], true },
        { "ec2:CreateLaunchTemplateVersion", Template, [TemplateManaged, "aws:ResourceTag/kubernetes.io/cluster/staging=owned"], false },
        { "ec2:DeleteLaunchTemplateVersions", Template, [TemplateManaged, TemplateOwned], false },
        // What Auto Scaling checks when a refresh points a group at a template version.
        { "ec2:RunInstances", Template, [TemplateManaged, TemplateOwned], true },
        { "ec2:RunInstances", Template, [TemplateManaged], false },
        { "ec2:RunInstances", "arn:aws:ec2:eu-west-1:111122223333:instance/*", [ThroughTemplate], true },
        { "ec2:RunInstances", "arn:aws:ec2:eu-west-1::image/ami-0123456789abcdef0", [ThroughTemplate], true },
        { "ec2:RunInstances", "arn:aws:ec2:eu-west-1:111122223333:instance/*", [], false },
        // A Spot request carries no ec2:LaunchTemplate key: groups with Spot capacity must still be refreshable.
        { "ec2:RunInstances", "arn:aws:ec2:eu-west-1:111122223333:spot-instances-request/*", [], true },
        { "ec2:CreateTags", "arn:aws:ec2:eu-west-1:111122223333:instance/*", ["ec2:CreateAction=RunInstances"], true },
        { "ec2:CreateTags", "arn:aws:ec2:eu-west-1:111122223333:instance/i-0123456789abcdef0", ["ec2:CreateAction=CreateTags"], false },
        { "iam:PassRole", ShippedIamPolicy.NodeRole, ["iam:PassedToService=ec2.amazonaws.com"], true },
        { "iam:PassRole", "arn:aws:iam::111122223333:role/admin", ["iam:PassedToService=ec2.amazonaws.com"], false },
        { "iam:PassRole", ShippedIamPolicy.NodeRole, ["iam:PassedToService=lambda.amazonaws.com"], false },
        // SSM: only the public EKS-optimized Windows parameters, and only the call the operator makes.
        { "ssm:GetParameters", "arn:aws:ssm:eu-west-1::parameter/aws/service/ami-windows-latest/Windows_Server-2022-English-Core-EKS_Optimized-1.31/image_id", [], true },
        { "ssm:GetParameters", "arn:aws:ssm:eu-west-1:111122223333:parameter/prod/database-password", [], false },
        { "ssm:GetParameter", "arn:aws:ssm:eu-west-1::parameter/aws/service/ami-windows-latest/Windows_Server-2022-English-Core-EKS_Optimized-1.31/image_id", [], false },
        { "ec2:DescribeLaunchTemplates", "*", [], false },
    };

    private const string Group = "arn:aws:autoscaling:eu-west-1:111122223333:autoScalingGroup:0f1e2d3c-0000-4000-8000-000000000000:autoScalingGroupName/eks-windows-a";
    private const string Template = "arn:aws:ec2:eu-west-1:111122223333:launch-template/lt-0123456789abcdef0";
    private const string Managed = "autoscaling:ResourceTag/windowsnode.io/managed=true";
    private const string Owned = "autoscaling:ResourceTag/kubernetes.io/cluster/prod=owned";
    private const string TemplateManaged = "aws:ResourceTag/windowsnode.io/managed=true";
    private const string TemplateOwned = "aws:ResourceTag/kubernetes.io/cluster/prod=owned";
    private const string ThroughTemplate = "ec2:LaunchTemplate=arn:aws:ec2:eu-west-1:111122223333:launch-template/lt-0123456789abcdef0";

    [Theory]
    [MemberData(nameof(Requests))]
    public void It_allows_exactly_the_requests_of_its_remit(string action, string resource, string[] context, bool allowed)
    {
        var request = new IamRequest(action, resource, [.. context.Select(c => (c[..c.IndexOf('=', StringComparison.Ordinal)], c[(c.IndexOf('=', StringComparison.Ordinal) + 1)..]))]);

        Assert.Equal(allowed, ShippedIamPolicy.Load().Allows(request));
    }

    /// <summary>ssm:X for the JSON protocol's AmazonSSM.X target; autoscaling:X for an operation of Auto Scaling's model; ec2:X else.</summary>
    private static string IamAction(string call) =>
        call.StartsWith("AmazonSSM.", StringComparison.Ordinal) ? $"ssm:{call["AmazonSSM.".Length..]}"
        : BotocoreModel.AutoScaling.Operation(call) is not null ? $"autoscaling:{call}"
        : $"ec2:{call}";

    private static (int Exit, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"{file} could not be run ({e.Message}): install it with `python3 -m pip install cfn-lint` (scripts/install-test-tools.sh does)");
            throw;
        }
    }
}
