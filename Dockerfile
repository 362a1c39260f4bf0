# One Sigmoid Lab replica: `streamlit run app.py` on port 8501 as an unprivileged user. Alone it is the app;
# compose.yaml runs several behind nginx for a class too large for one container, deploy/kubernetes.yaml on a
# cluster (README, Deploy).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN useradd --create-home --uid 10001 lab
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY --chown=lab:lab app.py ./
COPY --chown=lab:lab .streamlit .streamlit
COPY --chown=lab:lab sigcore sigcore
COPY --chown=lab:lab experiments experiments
COPY --chown=lab:lab charts charts
COPY --chown=lab:lab ui ui
COPY --chown=lab:lab views views
USER lab

EXPOSE 8501
# The slim image has no curl: Python asks Streamlit's health endpoint.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 CMD ["python", "-c", \
    "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=2)"]
CMD ["streamlit", "run", "app.py", "--server.port=8501", "--server.address=0.0.0.0", "--server.headless=true"]
