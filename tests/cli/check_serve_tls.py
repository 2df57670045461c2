"""`merit serve --tls-cert --tls-key` over loopback (issue 19): a certificate
made for 127.0.0.1 by the openssl command, the service started on a free
port and always stopped, and what a browser relies on under TLS checked
from a client that trusts only that certificate: the API answers, the
session cookie is Secure, HttpOnly and SameSite=Strict, HSTS is sent, a
client that does not trust the certificate is refused, plain HTTP on the
TLS port gets no answer, a key that does not belong to the certificate stops
the start with one line, and SIGTERM stops the service with status 0.

Usage: check_serve_tls.py MERIT SOURCE_DIR WORK_DIR
"""
import http.client
import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys

merit, source, work = sys.argv[1], sys.argv[2], sys.argv[3]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
PASSWORD = "tls test password"


def check(condition, message):
    if not condition:
        sys.exit("FAILED: " + message)


def run(*args, stdin=None, expect=0):
    result = subprocess.run([merit, *args], input=stdin, capture_output=True, text=True)
    check(result.returncode == expect,
          f"merit {' '.join(args)}: exit {result.returncode}, expected {expect}: {result.stderr.strip()}")
    return result


def make_certificate(name):
    key, cert = os.path.join(work, name + ".key"), os.path.join(work, name + ".pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                    "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", key, "-out", cert], check=True, capture_output=True)
    return cert, key


ws = os.path.join(work, "telecom.merit")
run("init", ws)
run("import", ws, "--dir", os.path.join(source, "config", "samples", "telecom"))
run("users", "add", ws, "--id", "hr", "--name", "HR", "--role", "hr_admin")
run("users", "password", ws, "--user", "hr", stdin=PASSWORD + "\n")
cert, key = make_certificate("server")
_, other_key = make_certificate("other")

# A key that is not the certificate's: refused at start, naming the files.
bad = run("serve", ws, "--port", "0", "--tls-cert", cert, "--tls-key", other_key, expect=1)
check(cert in bad.stderr and bad.stderr.strip().count("\n") == 0,
      f"a mismatched key gets one line naming the files: {bad.stderr!r}")

server = subprocess.Popen([merit, "serve", ws, "--port", "0", "--tls-cert", cert, "--tls-key", key],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
try:
    line = server.stdout.readline()
    match = re.search(r"on https://127\.0\.0\.1:(\d+)/", line)
    check(match is not None, f"merit serve printed its https address: {line!r}")
    port = int(match.group(1))

    trusting = ssl.create_default_context(cafile=cert)

    def request(method, path, body=None, headers=None):
        conn = http.client.HTTPSConnection("127.0.0.1", port, context=trusting, timeout=10)
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
        conn.close()
        return response, data

    response, data = request("GET", "/v1/health")
    check(response.status == 200, f"GET /v1/health over TLS: {response.status}")
    check(response.getheader("Strict-Transport-Security") == "max-age=31536000",
          f"HSTS under TLS: {response.getheader('Strict-Transport-Security')!r}")

    response, data = request("POST", "/v1/session", json.dumps({"user": "hr", "password": PASSWORD}),
                             {"Content-Type": "application/json"})
    check(response.status == 200, f"password login over TLS: {response.status} {data[:200]!r}")
    cookie = response.getheader("Set-Cookie") or ""
    for attribute in ("HttpOnly", "SameSite=Strict", "Secure"):
        check(attribute in cookie, f"the session cookie is {attribute}: {cookie!r}")
    session = cookie.split(";")[0]
    response, data = request("GET", "/v1/workspace", headers={"Cookie": session})
    check(response.status == 200 and json.loads(data)["counts"]["managers"] == 18,
          f"the cookie reads the workspace over TLS: {response.status}")

    # A client that does not trust this certificate is refused by its own check.
    try:
        conn = http.client.HTTPSConnection("127.0.0.1", port, context=ssl.create_default_context(), timeout=10)
        conn.request("GET", "/v1/health")
        conn.getresponse()
        check(False, "a client without the certificate connected")
    except ssl.SSLCertVerificationError:
        pass

    # Plain HTTP on the TLS port: no HTTP answer.
    with socket.create_connection(("127.0.0.1", port), timeout=10) as plain:
        plain.sendall(b"GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        try:
            answer = plain.recv(4096)
        except (ConnectionResetError, socket.timeout):
            answer = b""
        check(not answer.startswith(b"HTTP/1.1 200"), f"plain HTTP got an answer: {answer[:80]!r}")

    server.send_signal(signal.SIGTERM)
    code = server.wait(timeout=30)
    rest = server.stdout.read()
    check(code == 0, f"merit serve exits 0 on SIGTERM, not {code}: {rest}")
finally:
    if server.poll() is None:
        server.kill()
        server.wait()

print("merit serve over TLS: health, HSTS, a Secure cookie, untrusted and plain clients refused, SIGTERM")
