//! The icon and listing images: read with a bounded size, recognized as PNG or JPG by their bytes, measured from
//! their header, and checked against the *General info* tab's rules.

use super::registration::{Image, ImageSource};
use crate::problem::Problems;
use pdx_format::registration::{
    LISTING_IMAGE_RATIO, LISTING_IMAGE_SIZES, MAX_IMAGE_BYTES, MIN_ICON_PX,
};
use std::io::Read as _;

/// An image that was read: its bytes, kind (the exported file's extension) and pixel size.
#[derive(Debug, Clone)]
pub(crate) struct LoadedImage {
    pub(crate) bytes: Vec<u8>,
    pub(crate) extension: &'static str,
    pub(crate) width: u32,
    pub(crate) height: u32,
}

impl Image {
    /// Reads the image, refusing what the form refuses: more than [`MAX_IMAGE_BYTES`] bytes (a file that large
    /// is not read), a kind other than PNG or JPG, a header that gives no size.
    pub(crate) fn load(&self) -> Result<LoadedImage, String> {
        let bytes = match &self.source {
            ImageSource::Bytes(bytes) => {
                check_len(bytes.len() as u64, self)?;
                bytes.to_vec()
            }
            ImageSource::File(path) => {
                let file = std::fs::File::open(path)
                    .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
                let len = file.metadata().map(|m| m.len()).unwrap_or(0);
                check_len(len, self)?;
                let mut bytes = Vec::new();
                // `take` bounds the read even if the file grows after its size was read.
                file.take(MAX_IMAGE_BYTES + 1)
                    .read_to_end(&mut bytes)
                    .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
                check_len(bytes.len() as u64, self)?;
                bytes
            }
        };
        let extension = match imagesize::image_type(&bytes) {
            Ok(imagesize::ImageType::Png) => "png",
            Ok(imagesize::ImageType::Jpeg) => "jpg",
            _ => {
                return Err(format!(
                    "{} is not a PNG or JPG image (Developer Hub takes PNG and JPG)",
                    self.describe()
                ));
            }
        };
        let size = imagesize::blob_size(&bytes)
            .map_err(|e| format!("{} has no readable size: {e}", self.describe()))?;
        let px = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Ok(LoadedImage {
            bytes,
            extension,
            width: px(size.width),
            height: px(size.height),
        })
    }
}

fn check_len(len: u64, image: &Image) -> Result<(), String> {
    if len > MAX_IMAGE_BYTES {
        return Err(format!(
            "{} is {len} bytes; Developer Hub takes at most 10 MB ({MAX_IMAGE_BYTES} bytes)",
            image.describe()
        ));
    }
    Ok(())
}

/// The icon: readable, PNG or JPG, square, at least [`MIN_ICON_PX`] on a side.
pub(crate) fn check_icon(p: &mut Problems, at: &str, icon: &Image) -> Option<LoadedImage> {
    let loaded = match icon.load() {
        Ok(l) => l,
        Err(message) => {
            p.error(at, message);
            return None;
        }
    };
    let (w, h) = (loaded.width, loaded.height);
    if w != h {
        p.error(
            at,
            format!(
                "{} is {w}×{h} px; the icon must be square (1:1)",
                icon.describe()
            ),
        );
    }
    if w.min(h) < MIN_ICON_PX {
        p.error(
            at,
            format!(
                "{} is {w}×{h} px; the icon must be at least {MIN_ICON_PX}×{MIN_ICON_PX} px",
                icon.describe()
            ),
        );
    }
    Some(loaded)
}

/// A listing image: readable, PNG or JPG, 16:10 (an error otherwise), and one of Pipedrive's recommended sizes
/// (a warning otherwise).
pub(crate) fn check_listing_image(
    p: &mut Problems,
    at: &str,
    image: &Image,
) -> Option<LoadedImage> {
    let loaded = match image.load() {
        Ok(l) => l,
        Err(message) => {
            p.error(at, message);
            return None;
        }
    };
    let (w, h) = (loaded.width, loaded.height);
    let (rw, rh) = LISTING_IMAGE_RATIO;
    let sizes = LISTING_IMAGE_SIZES
        .iter()
        .map(|(w, h)| format!("{w}×{h}"))
        .collect::<Vec<_>>()
        .join(", ");
    if u64::from(w) * u64::from(rh) != u64::from(h) * u64::from(rw) {
        p.error(
            at,
            format!(
                "{} is {w}×{h} px; listing images must be {rw}:{rh} (e.g. {sizes})",
                image.describe()
            ),
        );
    } else if !LISTING_IMAGE_SIZES.contains(&(w, h)) {
        p.warning(
            at,
            format!(
                "{} is {w}×{h} px; Pipedrive recommends {sizes} px",
                image.describe()
            ),
        );
    }
    Some(loaded)
}
