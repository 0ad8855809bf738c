//! An official's device managing its commune's devices and join codes on the server. The
//! server refuses any other device, and anything outside the official's commune; its refusal
//! comes back as [`SyncError::Refused`], to be told in the person's language.

use langso_core::role::Role;
use reqwest::Method;
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use super::{Client, SyncReport};
use crate::Result;
use crate::protocol::{
    CodeEntry, CodesResponse, DeviceEntry, DevicesResponse, NewCodeRequest, NewCodeResponse, OfficeCodeResponse,
    RevokeCodeRequest, RevokeDeviceRequest, RevokeDeviceResponse, paths,
};

impl Client {
    /// Every device of this official's commune, revoked or not.
    pub async fn devices(&self) -> Result<Vec<DeviceEntry>> {
        let answer: DevicesResponse = self.manage::<(), _>(Method::GET, paths::DEVICES, None).await?;
        Ok(answer.devices)
    }

    /// Revokes a device of this official's commune; returns when (unix seconds).
    pub async fn revoke_device(&self, node: Uuid) -> Result<i64> {
        let request = RevokeDeviceRequest { node };
        let answer: RevokeDeviceResponse = self.manage(Method::POST, paths::REVOKE_DEVICE, Some(&request)).await?;
        Ok(answer.revoked_at)
    }

    /// The join codes of this official's commune, newest first.
    pub async fn codes(&self) -> Result<Vec<CodeEntry>> {
        let answer: CodesResponse = self.manage::<(), _>(Method::GET, paths::CODES, None).await?;
        Ok(answer.codes)
    }

    /// Makes a join code for this official's commune: `role`, working `days` days for `uses`
    /// devices. The answer holds the code itself, which nobody can read again.
    pub async fn make_code(&self, role: Role, days: u32, uses: u32) -> Result<NewCodeResponse> {
        let request = NewCodeRequest { role, days, uses };
        self.manage(Method::POST, paths::CODES, Some(&request)).await
    }

    /// Revokes a join code of this official's commune.
    pub async fn revoke_code(&self, id: &str) -> Result<()> {
        let request = RevokeCodeRequest { id: id.to_owned() };
        self.manage(Method::POST, paths::REVOKE_CODE, Some(&request)).await
    }

    /// A one-time code to sign in to the commune office's pages on the server.
    pub async fn office_code(&self) -> Result<OfficeCodeResponse> {
        self.manage::<(), _>(Method::POST, paths::OFFICE_CODE, None).await
    }

    async fn manage<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<T> {
        self.call(method, path, body, &mut SyncReport::default()).await
    }
}
