"""Reads the mixed instances policies of the simulated account through boto3 and starts instance refreshes with one.

Usage: python3 boto3_mixed_instances_check.py ENDPOINT INPUT_JSON
The policy is sent back as boto3 read it, only its launch template named by id alone at a new version, so every member makes the round trip
through botocore's parser and its query serializer. An unexpected error fails the run (exit code 1).
"""
import copy
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError


def error(call):
    try:
        call()
    except ClientError as e:
        return {"code": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"], "message": e.response["Error"]["Message"]}
    return None


def main():
    endpoint, given = sys.argv[1], json.loads(sys.argv[2])
    config = Config(retries={"total_max_attempts": 1}, region_name="us-west-2")
    asg = boto3.client("autoscaling", endpoint_url=endpoint, aws_access_key_id="AKID", aws_secret_access_key="secret", config=config)
    out = {}

    groups = asg.describe_auto_scaling_groups(AutoScalingGroupNames=[given["mixedGroup"], given["plainGroup"]])["AutoScalingGroups"]
    out["groups"] = {g["AutoScalingGroupName"]: {"policy": g.get("MixedInstancesPolicy"), "template": g.get("LaunchTemplate")} for g in groups}

    # Named by id alone, as the API asks for one of id and name.
    policy = copy.deepcopy(out["groups"][given["mixedGroup"]]["policy"])
    spec = policy["LaunchTemplate"]["LaunchTemplateSpecification"]
    spec.pop("LaunchTemplateName")
    spec["Version"] = given["newVersion"]
    refresh = asg.start_instance_refresh(
        AutoScalingGroupName=given["mixedGroup"], Strategy="Rolling",
        DesiredConfiguration={"MixedInstancesPolicy": policy},
        Preferences={"MinHealthyPercentage": 50, "InstanceWarmup": 0, "SkipMatching": True},
    )["InstanceRefreshId"]
    described = asg.describe_instance_refreshes(AutoScalingGroupName=given["mixedGroup"], InstanceRefreshIds=[refresh])["InstanceRefreshes"][0]
    out["refresh"] = {"id": refresh, "sent": policy, "desired": described["DesiredConfiguration"]}

    template = out["groups"][given["plainGroup"]]["template"]
    both = {"LaunchTemplate": template, "MixedInstancesPolicy": policy}
    by_requirements = copy.deepcopy(policy)
    by_requirements["LaunchTemplate"]["Overrides"] = [{"InstanceRequirements": {"VCpuCount": {"Min": 4}, "MemoryMiB": {"Min": 16384}}}]
    out["errors"] = {
        "both": error(lambda: asg.start_instance_refresh(AutoScalingGroupName=given["plainGroup"], DesiredConfiguration=both)),
        "requirements": error(lambda: asg.start_instance_refresh(
            AutoScalingGroupName=given["plainGroup"], DesiredConfiguration={"MixedInstancesPolicy": by_requirements})),
    }
    print(json.dumps(out, default=str))


if __name__ == "__main__":
    main()
