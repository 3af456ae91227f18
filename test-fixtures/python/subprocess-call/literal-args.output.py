# fixture-options: entry=all
import asyncio
import subprocess


async def revision(request):
    proc = await asyncio.create_subprocess_exec("git", "rev-parse", "HEAD", stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    stdout, stderr = await proc.communicate()
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, ["git", "rev-parse", "HEAD"], stdout.decode(), stderr.decode())
    result = subprocess.CompletedProcess(["git", "rev-parse", "HEAD"], proc.returncode, stdout.decode(), stderr.decode())
    proc = await asyncio.create_subprocess_exec("git", "log", "-1", stdout=asyncio.subprocess.PIPE, cwd="/srv")
    stdout, stderr = await proc.communicate()
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, ["git", "log", "-1"], stdout, None)
    out = stdout
    proc = await asyncio.create_subprocess_exec("true")
    await proc.wait()
    code = proc.returncode
    return result.stdout, out, code
