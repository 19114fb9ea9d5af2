<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>iq::gui::CurveChartView</name>
    <message>
        <source>NTPOT (ms)</source>
        <translation>NTPOT (ms)</translation>
    </message>
    <message>
        <source>TTFT (ms)</source>
        <translation>TTFT (ms)</translation>
    </message>
    <message>
        <source>ITL (ms)</source>
        <translation>ITL (ms)</translation>
    </message>
    <message>
        <source>Ideal region</source>
        <translation>이상적인 영역</translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation>성능 저하</translation>
    </message>
    <message>
        <source>Inflection point</source>
        <translation>변곡점</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>목표</translation>
    </message>
    <message>
        <source>Selected operating point</source>
        <translation>선택한 작동 지점</translation>
    </message>
    <message>
        <source>Output tokens/s per replica</source>
        <translation>복제본당 출력 토큰/초</translation>
    </message>
    <message>
        <source>%1: could not encode the image</source>
        <translation>%1: 이미지를 인코딩할 수 없습니다</translation>
    </message>
    <message>
        <source>%1: unknown image type (use .png or .svg)</source>
        <translation>%1: 알 수 없는 이미지 형식입니다(.png 또는 .svg 사용)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source> (inflection point)</source>
        <translation> (변곡점)</translation>
    </message>
    <message>
        <source> (past the inflection: degraded)</source>
        <translation> (변곡점 이후: 성능 저하)</translation>
    </message>
    <message>
        <source>Point %1 of %2%3</source>
        <translation>지점 %1/%2%3</translation>
    </message>
    <message>
        <source>Request rate: %1</source>
        <translation>요청 속도: %1</translation>
    </message>
    <message>
        <source>Output: %1</source>
        <translation>출력: %1</translation>
    </message>
    <message>
        <source>TTFT: %1 · NTPOT: %2 · ITL: %3</source>
        <translation>TTFT: %1 · NTPOT: %2 · ITL: %3</translation>
    </message>
    <message>
        <source>Cost: %1/M output · %2/M input · %3</source>
        <translation>비용: 출력 100만 토큰당 %1 · 입력 100만 토큰당 %2 · %3</translation>
    </message>
    <message>
        <source>Cost: no price for this machine type, region and pricing model</source>
        <translation>비용: 이 머신 유형, 리전, 가격 책정 모델의 가격이 없습니다</translation>
    </message>
    <message>
        <source>Requests/s per replica</source>
        <translation>복제본당 요청/초</translation>
    </message>
</context>
<context>
    <name>iq::gui::CustomEstimator</name>
    <message>
        <source>custom</source>
        <translation>사용자 지정</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>does not fit</source>
        <translation>메모리에 맞지 않습니다</translation>
    </message>
</context>
<context>
    <name>iq::gui::DeployConfirmDialog</name>
    <message>
        <source>Objects to apply</source>
        <translation>적용할 객체</translation>
    </message>
    <message>
        <source>Deploy</source>
        <translation>배포</translation>
    </message>
    <message>
        <source>Objects:</source>
        <translation>객체:</translation>
    </message>
    <message>
        <source>Server-side dry run</source>
        <translation>서버 측 시험 실행</translation>
    </message>
    <message>
        <source>Run a server-side dry run (kubectl apply --dry-run=server)? Nothing in the cluster changes.</source>
        <translation>서버 측 시험 실행(kubectl apply --dry-run=server)을 할까요? 클러스터에서는 아무것도 바뀌지 않습니다.</translation>
    </message>
    <message>
        <source>Apply these objects to the cluster below?</source>
        <translation>아래 클러스터에 이 객체들을 적용할까요?</translation>
    </message>
    <message>
        <source>Run dry run</source>
        <translation>시험 실행</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>컨텍스트</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>클러스터</translation>
    </message>
    <message>
        <source>API server</source>
        <translation>API 서버</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>네임스페이스</translation>
    </message>
    <message>
        <source>%1 (does not exist yet)</source>
        <translation>%1 (아직 없음)</translation>
    </message>
    <message>
        <source>Kubeconfig</source>
        <translation>Kubeconfig</translation>
    </message>
    <message>
        <source>Secret/%1 (Hugging Face token, created or updated)</source>
        <translation>Secret/%1 (Hugging Face 토큰, 생성 또는 갱신)</translation>
    </message>
</context>
<context>
    <name>iq::gui::DeployPane</name>
    <message>
        <source>Kube context</source>
        <translation>Kube 컨텍스트</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>네임스페이스</translation>
    </message>
    <message>
        <source>Server-side dry run</source>
        <translation>서버 측 시험 실행</translation>
    </message>
    <message>
        <source>kubectl diff</source>
        <translation>kubectl diff</translation>
    </message>
    <message>
        <source>Hugging Face token Secret</source>
        <translation>Hugging Face 토큰 Secret</translation>
    </message>
    <message>
        <source>kubectl apply</source>
        <translation>kubectl apply</translation>
    </message>
    <message>
        <source>Rollout</source>
        <translation>롤아웃</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>대기</translation>
    </message>
    <message>
        <source>running…</source>
        <translation>실행 중…</translation>
    </message>
    <message>
        <source>done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>건너뜀</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <source>%1:%2 elapsed</source>
        <translation>%1:%2 경과</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>선택…</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>다시 읽기(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Wait for the rollout</source>
        <translation>롤아웃 기다리기(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Deploy…</source>
        <translation>배포(&amp;D)…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>&amp;Test endpoint</source>
        <translation>엔드포인트 시험(&amp;T)</translation>
    </message>
    <message>
        <source>Use another kubectl (saved in the preferences)</source>
        <translation>다른 kubectl 사용 (환경설정에 저장)</translation>
    </message>
    <message>
        <source>Contexts of the kubeconfig; the current one is selected first</source>
        <translation>kubeconfig의 컨텍스트. 현재 컨텍스트가 먼저 선택됩니다</translation>
    </message>
    <message>
        <source>Read the kubeconfig again</source>
        <translation>kubeconfig 다시 읽기</translation>
    </message>
    <message>
        <source>The namespace the manifests are generated for and deployed to</source>
        <translation>매니페스트를 생성하고 배포할 네임스페이스</translation>
    </message>
    <message>
        <source>Names&amp;pace:</source>
        <translation>네임스페이스(&amp;P):</translation>
    </message>
    <message>
        <source>kubectl:</source>
        <translation>kubectl:</translation>
    </message>
    <message>
        <source>hf_… (optional; sent to kubectl on standard input, never saved)</source>
        <translation>hf_… (선택. 표준 입력으로 kubectl에 전달, 저장하지 않음)</translation>
    </message>
    <message>
        <source>Hugging Face token</source>
        <translation>Hugging Face 토큰</translation>
    </message>
    <message>
        <source>Creates or updates the Secret the pods read the token from. Kept in memory only: never on a command line, in a log, in a file or in the settings.</source>
        <translation>파드가 토큰을 읽는 Secret을 만들거나 갱신합니다. 메모리에만 보관하며 명령줄, 로그, 파일, 설정 어디에도 남기지 않습니다.</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 초</translation>
    </message>
    <message>
        <source>How long to wait for kubectl rollout status</source>
        <translation>kubectl rollout status를 기다릴 시간</translation>
    </message>
    <message>
        <source>strict</source>
        <translation>엄격(strict)</translation>
    </message>
    <message>
        <source>warn</source>
        <translation>경고(warn)</translation>
    </message>
    <message>
        <source>ignore</source>
        <translation>무시(ignore)</translation>
    </message>
    <message>
        <source>kubectl apply --validate (the server-side dry run validates in every mode)</source>
        <translation>kubectl apply --validate (서버 측 시험 실행은 모든 모드에서 검증합니다)</translation>
    </message>
    <message>
        <source>&amp;Validation:</source>
        <translation>검증(&amp;V):</translation>
    </message>
    <message>
        <source>Server-side dry run, then kubectl apply and wait for the rollout</source>
        <translation>서버 측 시험 실행 후 kubectl apply, 그리고 롤아웃 대기</translation>
    </message>
    <message>
        <source>kubectl apply --dry-run=server: the API server checks everything, nothing changes</source>
        <translation>kubectl apply --dry-run=server: API 서버가 모두 검사하며 아무것도 바뀌지 않습니다</translation>
    </message>
    <message>
        <source>Stop waiting. Nothing already applied is deleted.</source>
        <translation>기다리기를 멈춥니다. 이미 적용된 것은 삭제하지 않습니다.</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>세부 정보</translation>
    </message>
    <message>
        <source>Deploy steps</source>
        <translation>배포 단계</translation>
    </message>
    <message>
        <source>%v of %m replicas available</source>
        <translation>레플리카 %m개 중 %v개 사용 가능</translation>
    </message>
    <message>
        <source>Rollout progress</source>
        <translation>롤아웃 진행</translation>
    </message>
    <message>
        <source>kubectl output</source>
        <translation>kubectl 출력</translation>
    </message>
    <message>
        <source>kubectl&apos;s commands and output appear here.</source>
        <translation>kubectl 명령과 출력이 여기에 표시됩니다.</translation>
    </message>
    <message>
        <source>kubectl port-forward to the Service, send one completion request, show the answer and latency, stop the port-forward</source>
        <translation>Service로 kubectl port-forward를 열고 완성 요청 하나를 보내 응답과 지연 시간을 보여 준 뒤 port-forward를 닫습니다</translation>
    </message>
    <message>
        <source>Create namespace?</source>
        <translation>네임스페이스를 만들까요?</translation>
    </message>
    <message>
        <source>Not deployed: the confirmation was cancelled. Nothing was changed.</source>
        <translation>배포하지 않음: 확인을 취소했습니다. 아무것도 바뀌지 않았습니다.</translation>
    </message>
    <message>
        <source>Reading the kubeconfig…</source>
        <translation>kubeconfig 읽는 중…</translation>
    </message>
    <message>
        <source>%1 (current)</source>
        <translation>%1 (현재)</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>찾을 수 없음</translation>
    </message>
    <message>
        <source>Kubeconfig: %1</source>
        <translation>Kubeconfig: %1</translation>
    </message>
    <message>
        <source>%1 (kubeconfig: %2)</source>
        <translation>%1 (kubeconfig: %2)</translation>
    </message>
    <message>
        <source>Cluster &lt;b&gt;%1&lt;/b&gt; at &lt;b&gt;%2&lt;/b&gt; · namespace &lt;b&gt;%3&lt;/b&gt;&lt;br&gt;Kubeconfig: %4</source>
        <translation>클러스터 &lt;b&gt;%1&lt;/b&gt; (&lt;b&gt;%2&lt;/b&gt;) · 네임스페이스 &lt;b&gt;%3&lt;/b&gt;&lt;br&gt;Kubeconfig: %4</translation>
    </message>
    <message>
        <source>Choose kubectl</source>
        <translation>kubectl 선택</translation>
    </message>
    <message>
        <source>There are no manifests to deploy.</source>
        <translation>배포할 매니페스트가 없습니다.</translation>
    </message>
    <message>
        <source>the generated manifests</source>
        <translation>생성된 매니페스트</translation>
    </message>
    <message>
        <source>The manifests are for namespace &quot;%1&quot;, not &quot;%2&quot;: press Enter in the namespace box to regenerate them.</source>
        <translation>매니페스트는 네임스페이스 &quot;%2&quot;가 아니라 &quot;%1&quot;용입니다. 네임스페이스 상자에서 Enter를 눌러 다시 생성하세요.</translation>
    </message>
    <message>
        <source>namespace</source>
        <translation>네임스페이스</translation>
    </message>
    <message>
        <source>Hugging Face token: %1</source>
        <translation>Hugging Face 토큰: %1</translation>
    </message>
    <message>
        <source>Preparing the dry run…</source>
        <translation>시험 실행 준비 중…</translation>
    </message>
    <message>
        <source>Preparing the deploy…</source>
        <translation>배포 준비 중…</translation>
    </message>
    <message>
        <source>Waiting for your confirmation.</source>
        <translation>확인을 기다리는 중입니다.</translation>
    </message>
    <message>
        <source>The namespace &quot;%1&quot; does not exist in context &quot;%2&quot;. Create it?</source>
        <translation>컨텍스트 &quot;%2&quot;에 네임스페이스 &quot;%1&quot;이(가) 없습니다. 만들까요?</translation>
    </message>
    <message>
        <source>Dry run passed: the API server accepted every object. Nothing was changed.</source>
        <translation>시험 실행 통과: API 서버가 모든 객체를 받아들였습니다. 아무것도 바뀌지 않았습니다.</translation>
    </message>
    <message>
        <source>Deployed: the rollout finished after %1 s.</source>
        <translation>배포됨: 롤아웃이 %1초 만에 끝났습니다.</translation>
    </message>
    <message>
        <source>Applied (not waiting for the rollout).</source>
        <translation>적용됨 (롤아웃은 기다리지 않음).</translation>
    </message>
    <message>
        <source>Endpoint (inside the cluster): %1
From this machine: %2</source>
        <translation>엔드포인트 (클러스터 안): %1
이 컴퓨터에서: %2</translation>
    </message>
    <message>
        <source>Cancelled during “%1”. %2</source>
        <translation>“%1” 중에 취소됨. %2</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 실패: %2</translation>
    </message>
    <message>
        <source>--- What kubectl said ---</source>
        <translation>--- kubectl 출력 ---</translation>
    </message>
    <message>
        <source>Starting kubectl port-forward…</source>
        <translation>kubectl port-forward 시작 중…</translation>
    </message>
    <message>
        <source>%1 answered in %2 ms: “%3”</source>
        <translation>%1이(가) %2 ms 만에 응답: “%3”</translation>
    </message>
    <message>
        <source>Endpoint test failed: %1</source>
        <translation>엔드포인트 시험 실패: %1</translation>
    </message>
    <message>
        <source>Show kubectl d&amp;iff</source>
        <translation>kubectl diff 보기(&amp;I)</translation>
    </message>
    <message>
        <source>Dr&amp;y run</source>
        <translation>시험 실행(&amp;Y)</translation>
    </message>
    <message>
        <source>Conte&amp;xt:</source>
        <translation>컨텍스트(&amp;X):</translation>
    </message>
    <message>
        <source>Hugging &amp;Face token:</source>
        <translation>Hugging Face 토큰(&amp;F):</translation>
    </message>
    <message>
        <source>There is no current kube context (kubectl config current-context is not set in %1): pick one in the Context box.</source>
        <translation>현재 kube 컨텍스트가 없습니다(%1에 kubectl config current-context가 설정되지 않음). 컨텍스트 상자에서 하나를 고르세요.</translation>
    </message>
</context>
<context>
    <name>iq::gui::Formatting</name>
    <message>
        <source>%1 ms</source>
        <translation>%1ms</translation>
    </message>
    <message>
        <source>%1 tok/s</source>
        <translation>%1토큰/초</translation>
    </message>
    <message>
        <source>%1/h</source>
        <translation>%1/시간</translation>
    </message>
    <message>
        <source>%1 req/s</source>
        <translation>%1요청/초</translation>
    </message>
    <message>
        <source>measured</source>
        <translation>측정됨</translation>
    </message>
    <message>
        <source>estimated</source>
        <translation>추정됨</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>가져옴</translation>
    </message>
    <message>
        <source>estimated ±%1%</source>
        <translation>추정됨 ±%1%</translation>
    </message>
</context>
<context>
    <name>iq::gui::LatencyTargetControl</name>
    <message>
        <source>Switch the %1 target on or off</source>
        <translation>%1 목표 사용 또는 사용 안함</translation>
    </message>
    <message>
        <source>%1 target</source>
        <translation>%1 목표</translation>
    </message>
    <message>
        <source> ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>%1 target in milliseconds</source>
        <translation>%1 목표(밀리초)</translation>
    </message>
</context>
<context>
    <name>iq::gui::MainWindow</name>
    <message>
        <source>Inference Quickstart Studio</source>
        <translation>Inference Quickstart Studio</translation>
    </message>
    <message>
        <source>Manifests</source>
        <translation>매니페스트</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>요약</translation>
    </message>
    <message>
        <source>No catalog loaded</source>
        <translation>로드된 카탈로그가 없습니다</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>Search models…</source>
        <translation>모델 검색…</translation>
    </message>
    <message>
        <source>Search models</source>
        <translation>모델 검색</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>Latency targets</source>
        <translation>지연 시간 목표</translation>
    </message>
    <message>
        <source>TTFT</source>
        <translation>TTFT</translation>
    </message>
    <message>
        <source>Time to first token</source>
        <translation>첫 번째 토큰까지의 시간</translation>
    </message>
    <message>
        <source>NTPOT</source>
        <translation>NTPOT</translation>
    </message>
    <message>
        <source>Normalized time per output token (request latency / output tokens)</source>
        <translation>출력 토큰당 정규화된 시간(요청 지연 시간 / 출력 토큰 수)</translation>
    </message>
    <message>
        <source>ITL</source>
        <translation>ITL</translation>
    </message>
    <message>
        <source>Inter-token latency</source>
        <translation>토큰 간 지연 시간</translation>
    </message>
    <message>
        <source>Target &amp;load:</source>
        <translation>목표 부하(&amp;L):</translation>
    </message>
    <message>
        <source> req/s</source>
        <translation>요청/초</translation>
    </message>
    <message>
        <source>off</source>
        <translation>사용 안함</translation>
    </message>
    <message>
        <source>Requests per second to size replicas for (off: one replica)</source>
        <translation>복제본 수를 산정할 초당 요청 수(사용 안함: 복제본 1개)</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>필터</translation>
    </message>
    <message>
        <source>How much more an output token costs than an input token (GKE default 4)</source>
        <translation>출력 토큰이 입력 토큰보다 몇 배 비싼지(GKE 기본값 4)</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>서버(&amp;S):</translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation>버전(&amp;V):</translation>
    </message>
    <message>
        <source>&amp;Use case:</source>
        <translation>사용 사례(&amp;U):</translation>
    </message>
    <message>
        <source>&amp;Pricing:</source>
        <translation>가격 책정(&amp;P):</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>리전(&amp;R):</translation>
    </message>
    <message>
        <source>Output/input &amp;cost:</source>
        <translation>출력/입력 비용 비율(&amp;C):</translation>
    </message>
    <message>
        <source>&amp;Hide profiles that miss the targets</source>
        <translation>목표를 충족하지 않는 프로필 숨기기(&amp;H)</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>프로필</translation>
    </message>
    <message>
        <source>NTPOT vs throughput</source>
        <translation>NTPOT 대 처리량</translation>
    </message>
    <message>
        <source>TTFT vs throughput</source>
        <translation>TTFT 대 처리량</translation>
    </message>
    <message>
        <source>ITL vs throughput</source>
        <translation>ITL 대 처리량</translation>
    </message>
    <message>
        <source>Latency chart</source>
        <translation>지연 시간 차트</translation>
    </message>
    <message>
        <source>&amp;Log axes</source>
        <translation>로그 축(&amp;L)</translation>
    </message>
    <message>
        <source>Reset &amp;zoom</source>
        <translation>확대/축소 재설정(&amp;Z)</translation>
    </message>
    <message>
        <source>Drag a rectangle or use the wheel to zoom; right-click zooms out</source>
        <translation>사각형을 드래그하거나 휠로 확대/축소합니다. 오른쪽 클릭은 축소합니다</translation>
    </message>
    <message>
        <source>Export &amp;chart…</source>
        <translation>차트 내보내기(&amp;C)…</translation>
    </message>
    <message>
        <source>%1 of %2 curves, cheapest first · shaded: ideal region · ◆ inflection · dashed: past the inflection · ○ selected</source>
        <translation>곡선 %2개 중 %1개, 저렴한 순 · 음영: 이상적인 영역 · ◆ 변곡점 · 점선: 변곡점 이후 · ○ 선택됨</translation>
    </message>
    <message>
        <source>Shaded: ideal region · ◆ inflection · dashed: past the inflection · ○ selected</source>
        <translation>음영: 이상적인 영역 · ◆ 변곡점 · 점선: 변곡점 이후 · ○ 선택됨</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Catalog…</source>
        <translation>카탈로그 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>가져오기(&amp;I)…</translation>
    </message>
    <message>
        <source>Copy a catalog file into your catalog directory</source>
        <translation>카탈로그 파일을 사용자 카탈로그 디렉터리에 복사합니다</translation>
    </message>
    <message>
        <source>&amp;Export Manifests…</source>
        <translation>매니페스트 내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>Export C&amp;hart…</source>
        <translation>차트 내보내기(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>종료(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>Find &amp;Model</source>
        <translation>모델 찾기(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Hide Profiles That Miss the Targets</source>
        <translation>목표를 충족하지 않는 프로필 숨기기(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Logarithmic Chart Axes</source>
        <translation>로그 차트 축(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Reset Zoom</source>
        <translation>확대/축소 재설정(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;NTPOT Chart</source>
        <translation>NTPOT 차트(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;TTFT Chart</source>
        <translation>TTFT 차트(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;ITL Chart</source>
        <translation>ITL 차트(&amp;I)</translation>
    </message>
    <message>
        <source>Lan&amp;guage</source>
        <translation>언어(&amp;G)</translation>
    </message>
    <message>
        <source>System Default</source>
        <translation>시스템 기본값</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Inference Quickstart Studio</source>
        <translation>Inference Quickstart Studio 정보(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Qt 정보(&amp;Q)</translation>
    </message>
    <message>
        <source>Catalog errors: %1; the files with errors were skipped</source>
        <translation>카탈로그 오류: %1개. 오류가 있는 파일은 건너뛰었습니다</translation>
    </message>
    <message>
        <source>Any server</source>
        <translation>모든 서버</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>최신</translation>
    </message>
    <message>
        <source>All versions</source>
        <translation>모든 버전</translation>
    </message>
    <message>
        <source>Any use case</source>
        <translation>모든 사용 사례</translation>
    </message>
    <message>
        <source>%1 (%2 in / %3 out)</source>
        <translation>%1(입력 %2 / 출력 %3)</translation>
    </message>
    <message>
        <source>On-demand</source>
        <translation>주문형</translation>
    </message>
    <message>
        <source>Spot</source>
        <translation>스팟</translation>
    </message>
    <message>
        <source>1-year commitment</source>
        <translation>1년 약정</translation>
    </message>
    <message>
        <source>3-year commitment</source>
        <translation>3년 약정</translation>
    </message>
    <message>
        <source>This model&apos;s profiles range %1–%2</source>
        <translation>이 모델의 프로필 범위: %1–%2</translation>
    </message>
    <message>
        <source>No profile of this model reports this metric</source>
        <translation>이 측정항목을 보고하는 이 모델의 프로필이 없습니다</translation>
    </message>
    <message>
        <source>%1 is not reported by this profile, so the target cannot be verified</source>
        <translation>이 프로필은 %1을(를) 보고하지 않으므로 목표를 확인할 수 없습니다</translation>
    </message>
    <message>
        <source>%1 is at least %2 here (target %3)</source>
        <translation>여기서 %1은(는) 최소 %2입니다(목표 %3)</translation>
    </message>
    <message>
        <source>No load point meets all the targets at the same time</source>
        <translation>모든 목표를 동시에 충족하는 부하 지점이 없습니다</translation>
    </message>
    <message>
        <source>&lt;b&gt;No profile of %1 matches the filters.&lt;/b&gt; Check more accelerators or choose &lt;i&gt;Any&lt;/i&gt; server, version or use case.</source>
        <translation>&lt;b&gt;필터와 일치하는 %1 프로필이 없습니다.&lt;/b&gt; 가속기를 더 선택하거나 서버, 버전, 사용 사례를 &lt;i&gt;모두&lt;/i&gt;로 선택하세요.</translation>
    </message>
    <message>
        <source>&lt;b&gt;No profile meets the targets.&lt;/b&gt; What these profiles can achieve:</source>
        <translation>&lt;b&gt;목표를 충족하는 프로필이 없습니다.&lt;/b&gt; 이 프로필들이 달성할 수 있는 범위:</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2): TTFT %3 · NTPOT %4 · ITL %5</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;(%2): TTFT %3 · NTPOT %4 · ITL %5</translation>
    </message>
    <message>
        <source>Choose targets within these ranges.</source>
        <translation>이 범위 안에서 목표를 선택하세요.</translation>
    </message>
    <message>
        <source>%1 × %2 · %3 · %4 %5</source>
        <translation>%1 × %2 · %3 · %4 %5</translation>
    </message>
    <message>
        <source>&lt;b&gt;The catalog has no profiles.&lt;/b&gt; Use File ▸ Open Catalog… to load one.</source>
        <translation>&lt;b&gt;카탈로그에 프로필이 없습니다.&lt;/b&gt; 파일 ▸ 카탈로그 열기…로 카탈로그를 로드하세요.</translation>
    </message>
    <message>
        <source>%1 — profiles meeting the targets: %2 of %3</source>
        <translation>%1 — 목표를 충족하는 프로필: %3개 중 %2개</translation>
    </message>
    <message>
        <source>%1 — profiles at their inflection point: %2</source>
        <translation>%1 — 변곡점 기준 프로필: %2개</translation>
    </message>
    <message>
        <source>%1 profiles in the catalog · %2 shown · prices: %3, %4</source>
        <translation>카탈로그의 프로필 %1개 · 표시 %2개 · 가격: %3, %4</translation>
    </message>
    <message>
        <source>Select a profile to see the manifests that would deploy it.</source>
        <translation>프로필을 선택하면 배포에 사용할 매니페스트가 표시됩니다.</translation>
    </message>
    <message>
        <source>The manifests cannot be generated: %1</source>
        <translation>매니페스트를 생성할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>This profile misses the targets: %1</source>
        <translation>이 프로필은 목표를 충족하지 않습니다: %1</translation>
    </message>
    <message>
        <source>&lt;p&gt;Select a profile.&lt;/p&gt;</source>
        <translation>&lt;p&gt;프로필을 선택하세요.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Accelerator</source>
        <translation>가속기</translation>
    </message>
    <message>
        <source>%1 × %2 on %3</source>
        <translation>%3의 %1 × %2</translation>
    </message>
    <message>
        <source>Model server</source>
        <translation>모델 서버</translation>
    </message>
    <message>
        <source>Use case</source>
        <translation>사용 사례</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>데이터</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>출처</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <source>point %1 of %2 (chosen on the chart)</source>
        <translation>지점 %1/%2(차트에서 선택)</translation>
    </message>
    <message>
        <source>inflection point</source>
        <translation>변곡점</translation>
    </message>
    <message>
        <source>highest throughput meeting the targets</source>
        <translation>목표를 충족하는 최고 처리량</translation>
    </message>
    <message>
        <source>Operating point</source>
        <translation>작동 지점</translation>
    </message>
    <message>
        <source>Request rate</source>
        <translation>요청 속도</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>출력</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>비용</translation>
    </message>
    <message>
        <source>%1/M input · %2/M output</source>
        <translation>입력 100만 토큰당 %1 · 출력 100만 토큰당 %2</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>머신</translation>
    </message>
    <message>
        <source>%1 · %2/month</source>
        <translation>%1 · 월 %2</translation>
    </message>
    <message>
        <source>Price source</source>
        <translation>가격 출처</translation>
    </message>
    <message>
        <source>%1, %2 (as of %3)</source>
        <translation>%1, %2(%3 기준)</translation>
    </message>
    <message>
        <source>no price for %1 in %2 (%3)</source>
        <translation>%2(%3)에 %1의 가격이 없습니다</translation>
    </message>
    <message>
        <source>Replicas</source>
        <translation>복제본</translation>
    </message>
    <message>
        <source>Misses the targets:</source>
        <translation>목표 미충족:</translation>
    </message>
    <message>
        <source>Open Catalog</source>
        <translation>카탈로그 열기</translation>
    </message>
    <message>
        <source>Catalog files (*.json)</source>
        <translation>카탈로그 파일(*.json)</translation>
    </message>
    <message>
        <source>Import Catalog</source>
        <translation>카탈로그 가져오기</translation>
    </message>
    <message>
        <source>%1: could not copy to %2</source>
        <translation>%1: %2(으)로 복사할 수 없습니다</translation>
    </message>
    <message>
        <source>Imported %1 into %2</source>
        <translation>%1을(를) %2(으)로 가져왔습니다</translation>
    </message>
    <message>
        <source>Export Chart</source>
        <translation>차트 내보내기</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg)</source>
        <translation>PNG 이미지(*.png);;SVG 이미지(*.svg)</translation>
    </message>
    <message>
        <source>About Inference Quickstart Studio</source>
        <translation>Inference Quickstart Studio 정보</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Inference Quickstart Studio %1&lt;/h3&gt;&lt;p&gt;An offline planner for serving LLMs on Kubernetes, in the spirit of GKE Inference Quickstart. The numbers shown are the same as those of the &lt;tt&gt;iq&lt;/tt&gt; command.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Data:&lt;/b&gt; %2 measured, %3 estimated and %4 imported profiles. Measured profiles cite their source; estimated ones come from the iq performance estimator and carry its error band.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Catalog files:&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;%5&lt;/ul&gt;</source>
        <translation>&lt;h3&gt;Inference Quickstart Studio %1&lt;/h3&gt;&lt;p&gt;GKE 추론 빠른 시작(Inference Quickstart)을 본뜬, Kubernetes에서 LLM 서빙을 계획하는 오프라인 도구입니다. 표시되는 수치는 &lt;tt&gt;iq&lt;/tt&gt; 명령어와 같습니다.&lt;/p&gt;&lt;p&gt;&lt;b&gt;데이터:&lt;/b&gt; 측정 프로필 %2개, 추정 프로필 %3개, 가져온 프로필 %4개. 측정 프로필은 출처를 밝히고, 추정 프로필은 iq 성능 추정기에서 나오며 오차 범위를 함께 제공합니다.&lt;/p&gt;&lt;p&gt;&lt;b&gt;카탈로그 파일:&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;%5&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>C&amp;ustom model…</source>
        <translation>사용자 지정 모델(&amp;U)…</translation>
    </message>
    <message>
        <source>Estimate a model from its Hugging Face config.json on the catalog&apos;s accelerators</source>
        <translation>Hugging Face config.json으로 카탈로그의 가속기에서 모델 성능을 추정합니다</translation>
    </message>
    <message>
        <source>&amp;Custom Model from config.json…</source>
        <translation>config.json으로 사용자 지정 모델 추가(&amp;C)…</translation>
    </message>
    <message>
        <source>Custom Model</source>
        <translation>사용자 지정 모델</translation>
    </message>
    <message>
        <source>Hugging Face config (*.json)</source>
        <translation>Hugging Face 구성(*.json)</translation>
    </message>
    <message>
        <source>%1 fits on none of the catalog&apos;s machines (%2)</source>
        <translation>%1은(는) 카탈로그의 어떤 머신에도 맞지 않습니다(%2)</translation>
    </message>
    <message>
        <source>Estimated %1 on %2 machine types</source>
        <translation>머신 유형 %2개에서 %1을(를) 추정했습니다</translation>
    </message>
    <message>
        <source>Estimated %1 on %2 machine types; skipped: %3</source>
        <translation>머신 유형 %2개에서 %1을(를) 추정했습니다. 건너뜀: %3</translation>
    </message>
    <message>
        <source>Estimating %1 on the catalog&apos;s accelerators…</source>
        <translation>카탈로그의 가속기에서 %1을(를) 추정하는 중…</translation>
    </message>
    <message>
        <source>Throughput vs request rate</source>
        <translation>처리량 대 요청 속도</translation>
    </message>
    <message>
        <source>Thro&amp;ughput Chart</source>
        <translation>처리량 차트(&amp;U)</translation>
    </message>
    <message>
        <source>Accelerators</source>
        <translation>가속기</translation>
    </message>
    <message>
        <source>&amp;Accelerators:</source>
        <translation>가속기(&amp;A):</translation>
    </message>
    <message>
        <source>Deploy</source>
        <translation>배포</translation>
    </message>
    <message>
        <source>Select a profile first: the deploy applies its manifests.</source>
        <translation>먼저 프로필을 선택하세요. 배포는 그 매니페스트를 적용합니다.</translation>
    </message>
    <message>
        <source>Deploy running</source>
        <translation>배포 진행 중</translation>
    </message>
    <message>
        <source>kubectl is still running. Closing stops waiting for it; nothing already applied is deleted. Close anyway?</source>
        <translation>kubectl이 아직 실행 중입니다. 닫으면 기다리기를 멈추며, 이미 적용된 것은 삭제하지 않습니다. 그래도 닫을까요?</translation>
    </message>
</context>
<context>
    <name>iq::gui::ManifestPane</name>
    <message>
        <source>Horizontal Pod Autoscaler</source>
        <translation>HorizontalPodAutoscaler</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>복사(&amp;C)</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>내보내기(&amp;X)…</translation>
    </message>
    <message>
        <source>&amp;Deploy…</source>
        <translation>배포(&amp;D)…</translation>
    </message>
    <message>
        <source>derived from server and model</source>
        <translation>서버와 모델에서 자동 생성</translation>
    </message>
    <message>
        <source>gs://bucket/dir (empty: Hugging Face Hub)</source>
        <translation>gs://bucket/dir(비워 두면 Hugging Face Hub)</translation>
    </message>
    <message>
        <source>Add an autoscaler on the queue or batch size the operating point implies</source>
        <translation>작동 지점에 맞는 큐 크기 또는 배치 크기 기준 자동 확장 처리를 추가합니다</translation>
    </message>
    <message>
        <source>&amp;Namespace:</source>
        <translation>네임스페이스(&amp;N):</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>이름(&amp;M):</translation>
    </message>
    <message>
        <source>Model &amp;bucket:</source>
        <translation>모델 버킷(&amp;B):</translation>
    </message>
    <message>
        <source>Manifest preview</source>
        <translation>매니페스트 미리보기</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Export Manifests</source>
        <translation>매니페스트 내보내기</translation>
    </message>
    <message>
        <source>YAML files (*.yaml *.yml)</source>
        <translation>YAML 파일(*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Deploy these manifests to the cluster of your kube context (opens the Deploy tab and asks before anything changes)</source>
        <translation>이 매니페스트를 kube 컨텍스트의 클러스터에 배포합니다 (배포 탭을 열고, 바꾸기 전에 묻습니다)</translation>
    </message>
</context>
<context>
    <name>iq::gui::ModelListModel</name>
    <message>
        <source>%1B</source>
        <translation>%1B</translation>
    </message>
    <message>
        <source>%1 (%2 active)</source>
        <translation>%1(활성 %2)</translation>
    </message>
    <message>
        <source>1 profile</source>
        <translation>프로필 1개</translation>
    </message>
    <message>
        <source>%1 profiles</source>
        <translation>프로필 %1개</translation>
    </message>
</context>
<context>
    <name>iq::gui::ProfileTableModel</name>
    <message>
        <source>Instance type</source>
        <translation>인스턴스 유형</translation>
    </message>
    <message>
        <source>Accelerator</source>
        <translation>가속기</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>서버</translation>
    </message>
    <message>
        <source>$/M input</source>
        <translation>$/100만 입력</translation>
    </message>
    <message>
        <source>$/M output</source>
        <translation>$/100만 출력</translation>
    </message>
    <message>
        <source>$/hour</source>
        <translation>$/시간</translation>
    </message>
    <message>
        <source>Output tok/s</source>
        <translation>출력 토큰/초</translation>
    </message>
    <message>
        <source>NTPOT</source>
        <translation>NTPOT</translation>
    </message>
    <message>
        <source>TTFT</source>
        <translation>TTFT</translation>
    </message>
    <message>
        <source>ITL</source>
        <translation>ITL</translation>
    </message>
    <message>
        <source>Replicas</source>
        <translation>복제본</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>데이터</translation>
    </message>
    <message>
        <source>Equivalent cost per million input tokens at the operating point</source>
        <translation>작동 지점에서 입력 토큰 100만 개당 환산 비용</translation>
    </message>
    <message>
        <source>Equivalent cost per million output tokens at the operating point</source>
        <translation>작동 지점에서 출력 토큰 100만 개당 환산 비용</translation>
    </message>
    <message>
        <source>List price per machine-hour for the region and pricing model</source>
        <translation>리전 및 가격 책정 모델의 머신 시간당 정가</translation>
    </message>
    <message>
        <source>Output tokens per second of one replica at the operating point</source>
        <translation>작동 지점에서 복제본 1개의 초당 출력 토큰 수</translation>
    </message>
    <message>
        <source>Normalized time per output token: request latency / output tokens</source>
        <translation>출력 토큰당 정규화된 시간: 요청 지연 시간 / 출력 토큰 수</translation>
    </message>
    <message>
        <source>Time to first token</source>
        <translation>첫 번째 토큰까지의 시간</translation>
    </message>
    <message>
        <source>Inter-token latency</source>
        <translation>토큰 간 지연 시간</translation>
    </message>
    <message>
        <source>Replicas needed for the target load</source>
        <translation>목표 부하에 필요한 복제본 수</translation>
    </message>
    <message>
        <source>Where the numbers come from</source>
        <translation>수치의 출처</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>출처: %1</translation>
    </message>
    <message>
        <source>Date: %1</source>
        <translation>날짜: %1</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
</context>
<context>
    <name>iq::gui::Studio</name>
    <message>
        <source>%1: could not render the window</source>
        <translation>%1: 창을 렌더링할 수 없습니다</translation>
    </message>
</context>
<context>
    <name>iq::gui::StudioOptions</name>
    <message>
        <source>%1 must be a number of milliseconds greater than 0 and at most one hour (got &quot;%2&quot;)</source>
        <translation>%1은(는) 0보다 크고 1시간 이하인 밀리초 값이어야 합니다(입력값: &quot;%2&quot;)</translation>
    </message>
    <message>
        <source>%1 needs a value</source>
        <translation>%1에는 값이 필요합니다</translation>
    </message>
    <message>
        <source>--lang must be en or ko (got &quot;%1&quot;)</source>
        <translation>--lang은 en 또는 ko여야 합니다(입력값: &quot;%1&quot;)</translation>
    </message>
    <message>
        <source>--size must look like 1440x900 (got &quot;%1&quot;)</source>
        <translation>--size는 1440x900 형식이어야 합니다(입력값: &quot;%1&quot;)</translation>
    </message>
    <message>
        <source>unknown option %1 (see --help)</source>
        <translation>알 수 없는 옵션 %1(--help 참조)</translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot; (see --help)</source>
        <translation>예상하지 못한 인수 &quot;%1&quot;(--help 참조)</translation>
    </message>
    <message>
        <source>Usage: iqstudio [options]
  --catalog FILE                  add a catalog file (repeatable)
  --no-user-catalog               do not read the user catalog directory
  --model=ID                      model to show
  --model-config=FILE             estimate a Hugging Face config.json and show it
  --target-ttft-milliseconds=N    TTFT target
  --target-ntpot-milliseconds=N   NTPOT target
  --target-itl-milliseconds=N     ITL target
  --select=INSTANCE_TYPE          select that profile
  --lang=en|ko                    user interface language
  --screenshot FILE.png           render the window offscreen to FILE and exit
  --size=WxH                      window size for --screenshot (default 1440x900)
  --chart=ntpot|ttft|itl|throughput  chart tab to show
  --log-axes                      logarithmic chart axes
  --dark                          dark palette (Fusion style)
  --help, --version
</source>
        <translation>사용법: iqstudio [옵션]
  --catalog FILE                  카탈로그 파일 추가(반복 가능)
  --no-user-catalog               사용자 카탈로그 디렉터리를 읽지 않음
  --model=ID                      표시할 모델
  --model-config=FILE             Hugging Face config.json을 추정하여 표시
  --target-ttft-milliseconds=N    TTFT 목표
  --target-ntpot-milliseconds=N   NTPOT 목표
  --target-itl-milliseconds=N     ITL 목표
  --select=INSTANCE_TYPE          해당 프로필 선택
  --lang=en|ko                    사용자 인터페이스 언어
  --screenshot FILE.png           창을 화면 밖에서 FILE로 렌더링하고 종료
  --size=WxH                      --screenshot의 창 크기(기본값 1440x900)
  --chart=ntpot|ttft|itl|throughput  표시할 차트 탭
  --log-axes                      로그 차트 축
  --dark                          어두운 팔레트(Fusion 스타일)
  --help, --version
</translation>
    </message>
    <message>
        <source>--chart must be ntpot, ttft, itl or throughput (got &quot;%1&quot;)</source>
        <translation>--chart는 ntpot, ttft, itl, throughput 중 하나여야 합니다(입력값: &quot;%1&quot;)</translation>
    </message>
</context>
</TS>
